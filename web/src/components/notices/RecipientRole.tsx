import { useTranslation } from "react-i18next";

const ROLES = ["privacy_contact", "owner", "staff", "endpoint", "user"] as const;
type Role = (typeof ROLES)[number];
const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** Who a delivery went to, in words ("Privacycontactpersoon"); an unknown role as its code. */
export function RecipientRole({ role }: { role: string }) {
  const { t } = useTranslation();
  return <>{isRole(role) ? t(`deliveries.roles.${role}`) : role}</>;
}
