import { servicesContext } from "../context.ts";
import { notFound } from "../guards.server.ts";
import { downloadResponse } from "../modules/documents/download.server.ts";
import { findJourney, journeyDebits, journeyPrice } from "../modules/offer/journey.server.ts";
import { journeyIbans } from "../modules/offer/journey-files-bank.server.ts";
import { readJourneyCookie } from "../modules/offer/journey-resume.server.ts";
import { renderMandatePdf } from "../modules/offer/mandate-pdf.server.ts";
import { friendlyIban } from "../modules/banking/iban.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/adherer-mandat-pdf";

// Public, for the browser holding the journey (its cookie): the SEPA mandate of "Adhérer en ligne", to read
// before signing and to keep after.
export async function loader(args: Route.LoaderArgs) {
  const services = args.context.get(servicesContext);
  const journey = await findJourney(services, await readJourneyCookie(args.request));
  if (!journey?.bank || !journey.mandateRef || !journey.address || !journey.identity) notFound();
  const ibans = await journeyIbans(services, journey.id);
  const price = journeyPrice(services.tariffs, journey);
  const signed = journey.signedAt ? services.clock.dateOf(journey.signedAt) : null;
  const pdf = await renderMandatePdf({
    creditorName: services.brand.legalNotice.publisher.name,
    creditorAddress: services.brand.legalNotice.publisher.address,
    creditorId: services.env.SEPA_CREDITOR_ID,
    mandateRef: journey.mandateRef,
    debtorName: journey.bank.holderName,
    debtorAddress: `${journey.address.addressLine1}, ${journey.address.postalCode} ${journey.address.city}`,
    iban: friendlyIban(ibans!.debit),
    debits: price
      ? journeyDebits(journey, price.monthlyCents, signed ?? services.clock.today(), services.brand.amc.debitDay)
      : [],
    signedAt: signed ? formatDate(signed) : null,
  });
  return downloadResponse(pdf, { contentType: "application/pdf", filename: `mandat-sepa-${journey.mandateRef}.pdf` });
}
