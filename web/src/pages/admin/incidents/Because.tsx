import { useTranslation } from "react-i18next";
import { useLang } from "../../../lib/useLang";

/** Why a customer is (proposed as) affected: the incident's services it takes, the sub-processors working for it. */
export function Because({
  services,
  subprocessors,
}: {
  services: readonly { id: string; nl: string; en: string }[];
  subprocessors: readonly { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (services.length === 0 && subprocessors.length === 0) {
    return <span className="muted">{t("incidents.addedByHand")}</span>;
  }
  return (
    <>
      {services.length > 0 ? <div>{t("incidents.becauseServices", { list: services.map((s) => s[lang]).join(", ") })}</div> : null}
      {subprocessors.length > 0 ? <div>{t("incidents.becauseSubprocessors", { list: subprocessors.map((s) => s.name).join(", ") })}</div> : null}
    </>
  );
}
