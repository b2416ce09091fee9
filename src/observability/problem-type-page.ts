import { problemType } from '../shared/http/problem';
import { PROBLEM_TYPES, ProblemType } from './problem-types';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** Catalogue text marks names with backticks; they are shown as code. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Clinic booking API</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2733}code{background:#eef1f4;padding:0 .25rem;border-radius:3px}dt{font-weight:600;margin-top:1rem}dd{margin:0}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The problem type as JSON, for clients that ask with `Accept: application/json`. */
export function problemTypeJson(type: ProblemType) {
  return { type: problemType(type.code), code: type.code, title: type.title, status: type.status ?? null, meaning: type.meaning, whatToDo: type.whatToDo };
}

/** The human-readable page of one problem type: what it means and what to do. */
export function problemTypePage(type: ProblemType): string {
  const status = type.status === undefined ? 'a <code>/live</code> notice, no HTTP status' : `HTTP ${type.status}`;
  return page(
    type.title,
    `<p><a href="/problems">All problem types</a></p>
<h1>${escapeHtml(type.title)}</h1>
<p><code>type: ${escapeHtml(problemType(type.code))}</code> (${status})</p>
<dl>
<dt>What it means</dt><dd>${prose(type.meaning)}</dd>
<dt>What to do</dt><dd>${prose(type.whatToDo)}</dd>
</dl>
<p>The problem document's <code>detail</code> explains the occurrence at hand. API documentation: <a href="/docs">/docs</a>.</p>`,
  );
}

/** The index of every problem type. */
export function problemTypesIndexPage(): string {
  const rows = PROBLEM_TYPES.map(
    (type) => `<li><a href="${escapeHtml(problemType(type.code))}"><code>${escapeHtml(type.code)}</code></a> ${type.status ?? ''} ${escapeHtml(type.title)}</li>`,
  ).join('\n');
  return page(
    'Problem types',
    `<h1>Problem types</h1>
<p>Every error of this API is an <code>application/problem+json</code> document (RFC 9457) whose <code>type</code> is one of these.</p>
<ul>
${rows}
</ul>`,
  );
}
