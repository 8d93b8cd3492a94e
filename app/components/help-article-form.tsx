// The article form of the back-office (new and edit): fields, errors beside them, and the buttons given.
import type { ReactNode } from "react";
import { helpPages, helpThemes } from "../modules/help/themes.ts";
import { ErrorSummary, FieldError, fieldErrorProps, groupErrorProps } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";

export type ArticleValues = {
  title: string;
  slug: string;
  theme: string;
  summary: string;
  body: string;
  pages: string[];
  position: string;
};

export const emptyArticle: ArticleValues = {
  title: "",
  slug: "",
  theme: "",
  summary: "",
  body: "",
  pages: [],
  position: "100",
};

/**
 * What was typed, as an action answers it (ActionResult's values are text): the ticked pages as one string,
 * space-separated (page keys have no spaces). `articleOf` reads it back for the form.
 */
export function typedArticle(fields: Record<string, unknown>): Record<string, string> {
  const text = (name: string) => (typeof fields[name] === "string" ? fields[name] : "");
  return {
    title: text("title"),
    slug: text("slug"),
    theme: text("theme"),
    summary: text("summary"),
    body: text("body"),
    pages: Array.isArray(fields.pages) ? fields.pages.join(" ") : "",
    position: text("position"),
  };
}

export function articleOf(values: Record<string, string>): ArticleValues {
  return {
    title: values.title ?? "",
    slug: values.slug ?? "",
    theme: values.theme ?? "",
    summary: values.summary ?? "",
    body: values.body ?? "",
    pages: (values.pages ?? "").split(" ").filter(Boolean),
    position: values.position ?? "",
  };
}

function TextArea(props: {
  name: string;
  label: string;
  hint: string;
  rows: number;
  max: number;
  value: string;
  error?: string;
}) {
  const { name, label, hint, rows, max, value, error } = props;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={name}>{label}</label>
      <p className="field__hint" id={`${name}-aide`}>
        {hint}
      </p>
      <FieldError id={name} error={error} />
      <textarea
        id={name}
        name={name}
        rows={rows}
        maxLength={max}
        defaultValue={value}
        {...fieldErrorProps(name, error, `${name}-aide`)}
      />
    </div>
  );
}

export function HelpArticleForm({
  values,
  errors,
  children,
}: {
  values: ArticleValues;
  errors: Record<string, string | undefined>;
  children: ReactNode;
}) {
  return (
    <form method="post" className="form-card" noValidate>
      <ErrorSummary title="L'article n'a pas été enregistré, corrigez :" errors={errors} />
      <FormField name="title" label="Titre" maxLength={120} defaultValue={values.title} error={errors.title} required />
      <FormField
        name="slug"
        label="Adresse de l'article"
        hint="Après /aide/ : minuscules sans accent, chiffres et tirets (ex. : changer-de-rib)."
        maxLength={80}
        defaultValue={values.slug}
        error={errors.slug}
        required
      />
      <div className={errors.theme ? "field field--error" : "field"}>
        <label htmlFor="theme">Thème</label>
        <FieldError id="theme" error={errors.theme} />
        <select
          id="theme"
          name="theme"
          defaultValue={values.theme}
          required
          {...fieldErrorProps("theme", errors.theme)}
        >
          <option value="">Choisissez…</option>
          {helpThemes.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <TextArea
        name="summary"
        label="Résumé"
        hint="Une ou deux phrases, montrées dans les listes et les résultats de recherche (300 caractères au plus)."
        rows={2}
        max={300}
        value={values.summary}
        error={errors.summary}
      />
      <TextArea
        name="body"
        label="Texte (Markdown)"
        hint="## Intertitre, 1. étape numérotée, - liste, **gras**, [lien](/page). Pas de HTML. Images : copiez le code d'une illustration téléversée."
        rows={16}
        max={20000}
        value={values.body}
        error={errors.body}
      />
      {/* The group carries the error; its first box the id the summary's link goes to. */}
      <fieldset className="help-pages" {...groupErrorProps("pages", errors.pages)}>
        <legend>Afficher dans « Besoin d'aide ? » sur les pages</legend>
        <FieldError id="pages" error={errors.pages} />
        {helpPages.map((p, i) => (
          <label key={p.key} className="choice">
            <input
              type="checkbox"
              name="pages"
              id={i === 0 ? "pages" : undefined}
              value={p.key}
              defaultChecked={values.pages.includes(p.key)}
            />{" "}
            {p.label}
          </label>
        ))}
      </fieldset>
      <FormField
        name="position"
        label="Ordre dans le thème"
        hint="Un nombre de 0 à 999 : les plus petits d'abord."
        inputMode="numeric"
        maxLength={3}
        defaultValue={values.position}
        error={errors.position}
      />
      {children}
    </form>
  );
}
