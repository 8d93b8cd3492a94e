// The place field of the searches (/professionnels, /aide-contact): a postcode or a town, with suggestions of
// communes while typing when JavaScript runs (without it, the server resolves what was typed), and the
// "Autour de moi" button (geolocation, JavaScript only).
import { useState, useSyncExternalStore } from "react";
import { useFetcher, useNavigate } from "react-router";

/** Suggestions of communes while typing (with JavaScript; without it, the server resolves what was typed). */
export function PlaceInput({ defaultValue, error, hint }: { defaultValue: string; error?: string; hint: string }) {
  const fetcher = useFetcher<{ suggestions: string[] }>();
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor="lieu">Code postal ou commune</label>
      <p className="field__hint" id="lieu-aide">
        {hint}
      </p>
      <input
        id="lieu"
        name="lieu"
        type="text"
        list="communes"
        autoComplete="off"
        defaultValue={defaultValue}
        maxLength={100}
        aria-describedby={error ? "lieu-aide lieu-erreur" : "lieu-aide"}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          const value = e.currentTarget.value.trim();
          if (value.length >= 2) void fetcher.load(`/professionnels/communes?q=${encodeURIComponent(value)}`);
        }}
      />
      <datalist id="communes">
        {(fetcher.data?.suggestions ?? []).map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </datalist>
      {error ? (
        <p className="field__error" id="lieu-erreur">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const noSubscription = () => () => {};

/** "Autour de moi": the browser's position, only with JavaScript and the person's consent. */
export function AroundMe({ path, params }: { path: string; params: Record<string, string> }) {
  const navigate = useNavigate();
  const [status, setStatus] = useState("");
  // False on the server and while hydrating (no button without JavaScript), then whether the browser can locate.
  const available = useSyncExternalStore(
    noSubscription,
    () => "geolocation" in navigator,
    () => false,
  );
  if (!available) return null;
  return (
    <p>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => {
          setStatus("Recherche de votre position…");
          navigator.geolocation.getCurrentPosition(
            (pos) => {
              const query = new URLSearchParams({
                ...params,
                lat: pos.coords.latitude.toFixed(5),
                lon: pos.coords.longitude.toFixed(5),
              });
              setStatus("");
              void navigate(`${path}?${query}`);
            },
            () => {
              setStatus("Votre position n'est pas disponible : saisissez un code postal ou une commune.");
            },
            { timeout: 10_000, maximumAge: 300_000 },
          );
        }}
      >
        Autour de moi
      </button>{" "}
      <span role="status" className="field__hint">
        {status}
      </span>
    </p>
  );
}
