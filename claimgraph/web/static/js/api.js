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
