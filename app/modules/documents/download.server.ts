// Every file we send a member goes through here: never cached, always a download. (X-Content-Type-Options:
// nosniff is on every response already, set by the security headers in server/security.ts.)
export function downloadResponse(body: Buffer | string, { contentType, filename }: { contentType: string; filename: string }): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
