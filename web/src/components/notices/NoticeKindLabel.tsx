import { useLang } from "../../lib/useLang";

/** A notice kind in words, as the module that defines the kind names it (the API's kindLabel). */
export function NoticeKindLabel({ label }: { label: { nl: string; en: string } }) {
  const { pick } = useLang();
  return <>{pick(label.nl, label.en)}</>;
}
