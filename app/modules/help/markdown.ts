// Articles are written in Markdown and rendered here, safely (markdown-it, a maintained CommonMark parser):
// - raw HTML is never passed through (html: false escapes it as text);
// - links go only to pages of this site ("/…", "#…"), https, mailto: or tel:; anything else (javascript:,
//   data:, vbscript:, protocol-relative "//…") is left as plain text;
// - images only from the help centre's own illustrations (/aide/illustrations/<id>); any other image shows
//   its text alternative instead;
// - external links open normally, with rel="noopener noreferrer";
// - a level-1 heading becomes level 2: the article's title is the page's only h1 ("## Étapes" is an h2).
// Pure: also used to preview an article in the back-office.
import MarkdownIt from "markdown-it";
import { foldAccents } from "./text.ts";

const illustrationSrc = /^\/aide\/illustrations\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const safeHref = /^(\/(?!\/)|#|https:\/\/|mailto:|tel:)/i;

const md = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false });
md.validateLink = (url: string) => safeHref.test(url.trim()) || illustrationSrc.test(url.trim());

type RenderRule = NonNullable<typeof md.renderer.rules.text>;
const renderToken: RenderRule = (tokens, idx, options) => md.renderer.renderToken(tokens, idx, options);
md.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.tag = `h${Math.max(2, Number(token.tag.slice(1)))}`;
  return renderToken(tokens, idx, options, env, self);
};
md.renderer.rules.heading_close = md.renderer.rules.heading_open;
md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet("src") ?? "");
  const alt = md.utils.escapeHtml(token.children ? plainOf(token.children) : token.content);
  if (!illustrationSrc.test(src)) return alt;
  return `<img src="${md.utils.escapeHtml(src)}" alt="${alt}" loading="lazy" class="help-illustration">`;
};
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet("href") ?? "");
  if (/^(https:|mailto:|tel:)/i.test(href)) token.attrSet("rel", "noopener noreferrer");
  return renderToken(tokens, idx, options, env, self);
};

type Tokens = ReturnType<typeof md.parse>;

function plainOf(tokens: Tokens): string {
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.children) parts.push(plainOf(t.children));
    else if (t.type === "text" || t.type === "code_inline" || t.type === "code_block" || t.type === "fence")
      parts.push(t.content);
    else if (t.type === "softbreak" || t.type === "hardbreak") parts.push(" ");
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** The article's HTML, safe to insert in the page. */
export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/** The article's words without Markdown, folded for search (title and text are searched, not the syntax). */
export function searchableText(markdown: string): string {
  return foldAccents(plainOf(md.parse(markdown, {})));
}
