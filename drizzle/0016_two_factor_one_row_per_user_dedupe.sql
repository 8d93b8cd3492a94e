-- Before two_factor.user_id becomes unique: an account with several rows (two enrolments started at once)
-- keeps one, the verified one whose codes were last accepted (then any verified one), and loses the others.
DELETE FROM "two_factor" t
USING (
  SELECT id, row_number() OVER (
    PARTITION BY user_id
    ORDER BY verified DESC, last_totp_step DESC NULLS LAST, id
  ) AS n
  FROM "two_factor"
) ranked
WHERE t.id = ranked.id AND ranked.n > 1;
