// Every file we send a member goes through here: never cached, never sniffed, always a download.
export function downloadResponse(body: Buffer | string, { contentType, filename }: { contentType: string; filename: string }): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
