// Reading the JSON API of the same server (no other host is ever contacted).

/** GET a JSON endpoint with query parameters; throws an Error with the server's message. */
export async function getJSON(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
    } catch (_) { /* not JSON */ }
    const error = new Error(`${response.status} ${detail}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/** One claim record by id, or null when the server cannot give it. */
export async function getClaim(claimId) {
  try {
    return await getJSON(`/api/claims/${encodeURIComponent(claimId)}`);
  } catch (_) {
    return null;
  }
}

const TOKEN_KEY = "claimgraph-review-token";

/** The review token this tab holds (sessionStorage: gone when the tab closes), or "". */
export function reviewToken() {
  try { return window.sessionStorage.getItem(TOKEN_KEY) || ""; } catch (_) { return ""; }
}

/** Keep (or, with "", forget) the review token for this tab. */
export function setReviewToken(token) {
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch (_) { /* storage off: the token is asked again */ }
}

/** POST JSON with the review token; throws an Error with the server's problem detail. */
export async function postJSON(path, body) {
  const response = await fetch(new URL(path, window.location.origin), {
    method: "POST", credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json",
      Authorization: `Bearer ${reviewToken()}` },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(`${response.status} ${typeof data.detail === "string" ? data.detail : response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return data;
}
