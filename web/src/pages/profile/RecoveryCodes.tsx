// The ten recovery codes, shown once right after 2FA is turned on, with copy and download.
import { useToast } from "../../components/Toast";
import { Button } from "../../components/Button";
import { Notice } from "../../components/Notice";

export function recoveryCodesText(codes: string[]): string {
  return `T2O-verse recovery codes. Each works once, in place of an authenticator code.\n\n${codes.join("\n")}\n`;
}

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const toast = useToast();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      toast.success("Recovery codes copied");
    } catch {
      toast.error("The browser did not allow copying; select the codes and copy them by hand.");
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([recoveryCodesText(codes)], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "t2o-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="space-y-4">
      <Notice tone="info">Save these recovery codes somewhere safe. Each one logs you in once if you lose your device. They are shown only now.</Notice>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-slate-100 p-4 font-mono text-sm text-slate-900 dark:bg-slate-800 dark:text-slate-100">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void copy()}>
          Copy codes
        </Button>
        <Button variant="secondary" onClick={download}>
          Download codes
        </Button>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}
