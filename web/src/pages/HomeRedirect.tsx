import { Navigate } from "react-router";
import { Spinner } from "../components/Loaded";
import { homeOf, useSession } from "../session";

/** "/" goes to the portal or the back-office, by who is logged in. */
export function HomeRedirect() {
  const { me } = useSession();
  if (me === undefined) {
    return <Spinner />;
  }
  return <Navigate to={me ? homeOf(me) : "/login"} replace />;
}
