/** Request header the server overwrites with the client's resolved address, for better-auth to read. */
export const clientAddressHeader = "x-espace-client-address";
