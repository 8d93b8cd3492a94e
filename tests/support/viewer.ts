// A member viewer for calling domain functions straight from a test, as the session would give it: only the
// household (and, where a function needs it, the login) matter to the queries it scopes.
import type { MemberViewer } from "../../app/modules/accounts/viewer.server.ts";

export function memberViewer(householdId: string, userId = ""): MemberViewer {
  return {
    kind: "member",
    userId,
    sessionId: "",
    householdId,
    personId: "",
    memberNumber: "",
    coverageLevel: "",
    firstName: "",
    lastName: "",
    unreadMessages: 0,
  };
}
