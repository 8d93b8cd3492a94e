// The tables of members' stored files and the key space each owns in the storage: "<uuid>" for request_file
// (claims, quotes, beneficiary requests, drafts), "messagerie/<uuid>" for message_file, "adhesion/<uuid>" for
// affiliation_file. The orphan sweep and the quarantine rescan go through all of them; a new table of stored
// files is added here, and both jobs then cover it.
import { affiliationFile } from "../offer/schema.ts";
import { messageFile } from "../messaging/schema.ts";
import { requestFile } from "../requests/schema.ts";

// `owner`: whose file it is, for the audit row of a file deleted as infected: a household, or an adhesion
// journey before any household exists (`ownerIs`).
export const storedFileKinds = [
  {
    area: "demandes",
    prefix: "",
    table: requestFile,
    key: (name: string) => name,
    owner: requestFile.householdId,
    ownerIs: "household",
  },
  {
    area: "messagerie",
    prefix: "messagerie/",
    table: messageFile,
    key: (name: string) => `messagerie/${name}`,
    owner: messageFile.householdId,
    ownerIs: "household",
  },
  {
    area: "adhesion",
    prefix: "adhesion/",
    table: affiliationFile,
    key: (name: string) => `adhesion/${name}`,
    owner: affiliationFile.journeyId,
    ownerIs: "journey",
  },
] as const;
