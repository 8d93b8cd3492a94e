-- "Mot de passe oublié" links still outstanding when reset tokens started to be stored hashed
-- (accounts/reset-link.server.ts): their token replaced by its SHA-256 (hex), so they keep working for their
-- remaining minutes and the table no longer holds a usable token.
UPDATE "verification"
SET "identifier" = 'reset-password:' || encode(sha256(convert_to(substr("identifier", 16), 'UTF8')), 'hex')
WHERE "identifier" LIKE 'reset-password:%' AND "identifier" !~ '^reset-password:[0-9a-f]{64}$';
