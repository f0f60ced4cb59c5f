/**
 * A manifest scanner whose findings a grant can acknowledge in the manifest itself, in the
 * scanner's own format (see `ScannerAcknowledgements`).
 */
export class Scanner {
  /** kube-linter: `ignore-check.kube-linter.io/<check>` annotations pointing to the grants annotation. */
  public static readonly KUBE_LINTER = new Scanner('kube-linter');
  /** Polaris: `polaris.fairwinds.com/<check>-exempt` annotations. */
  public static readonly POLARIS = new Scanner('Polaris');
  /** Checkov: `checkov.io/skip<N>` annotations pointing to the grants annotation. */
  public static readonly CHECKOV = new Scanner('Checkov');
  /** kubeaudit: `container.kubeaudit.io/<container>.allow-<check>` labels on the pod template. */
  public static readonly KUBEAUDIT = new Scanner('kubeaudit');

  /** Every scanner the library writes acknowledgements for. */
  public static all(): Scanner[] {
    return [Scanner.KUBE_LINTER, Scanner.POLARIS, Scanner.CHECKOV, Scanner.KUBEAUDIT];
  }

  private constructor(
    /** The scanner's name. */
    public readonly name: string,
  ) {}
}
