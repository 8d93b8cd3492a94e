// Upload limits: stated on the form and enforced on the server, so one source for both.
export const uploadLimits = {
  maxFiles: 10,
  maxFileBytes: 10 * 1024 * 1024,
  /** 40 megapixels: any phone photo passes; a "decompression bomb" does not. */
  maxPixels: 40_000_000,
} as const;
