import { createContext, useContext } from "react";

// The CSP nonce reaches components through React context during server rendering; in the browser it is
// empty, which is fine: scripts are already trusted by then.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
