// The relying-party page: creates a transaction for this browser session, shows the request, polls for the result.
// Everything from the server is inserted with textContent, never as HTML.
"use strict";

const storedTransaction = "verifier-rp-transaction";
const pollMilliseconds = 1500;
let pollTimer = null;

const $ = (id) => document.getElementById(id);
// The page's texts in its language, from the server-rendered JSON block.
const text = JSON.parse(document.getElementById("page-text").textContent);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function createRequest(event) {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector("button");
  $("form-error").textContent = "";
  const formats = [...form.querySelectorAll("input[name=format]:checked")].map((f) => f.value);
  if (formats.length === 0) {
    $("form-error").textContent = text.chooseFormat;
    return;
  }

  const choice = {
    preset: form.querySelector("input[name=preset]:checked").value,
    formats,
    response_mode: $("response_mode").value,
    request_uri_method: $("request_uri_method").value,
    same_device: $("same_device").checked,
  };
  if ($("client_id_prefix").value) choice.client_id_prefix = $("client_id_prefix").value;
  button.disabled = true;
  try {
    const response = await fetch("/rp/presentations", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(choice),
      credentials: "same-origin",
    });
    const body = await response.json();
    if (!response.ok) {
      $("form-error").textContent = body.detail || `${text.couldNotCreate} (${response.status}).`;
      return;
    }

    showRequest(body, choice.preset);
    if (body.sameDevice) localStorage.setItem(storedTransaction, JSON.stringify({ id: body.transactionId, preset: choice.preset }));
    else localStorage.removeItem(storedTransaction);
    startPolling(body.transactionId, null, choice.preset);
  } catch {
    $("form-error").textContent = text.unreachable;
  } finally {
    button.disabled = false;
  }
}

function showRequest(created, preset) {
  $("request").hidden = false;
  $("qr").src = created.qrCode;
  $("link").href = created.authorizationRequestUri;
  $("uri").textContent = created.authorizationRequestUri;
  $("dcql").textContent = JSON.stringify(created.dcqlQuery, null, 2);
  const expires = new Date(created.expiresAt);
  $("expires").dateTime = expires.toISOString();
  $("expires").textContent = expires.toLocaleTimeString(document.documentElement.lang);
  resetResult();
  $("result").dataset.preset = preset;
}

function resetResult() {
  $("result").hidden = false;
  $("status").className = "";
  $("status").textContent = text.waiting;
  for (const id of ["claims", "checks", "errors", "events"]) $(id).replaceChildren();
  $("checks-block").hidden = true;
  $("errors-block").hidden = true;
}

function startPolling(transactionId, responseCode, preset) {
  if (pollTimer) clearTimeout(pollTimer);
  const query = responseCode ? `?response_code=${encodeURIComponent(responseCode)}` : "";
  const url = `/rp/presentations/${encodeURIComponent(transactionId)}` + query;
  const poll = async () => {
    try {
      const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
      if (!response.ok) {
        $("status").textContent = response.status === 404 ? text.noSuchRequest : `${text.couldNotRead} (${response.status}).`;
        return;
      }

      const view = await response.json();
      showResult(view, preset);
      if (view.status === "pending") pollTimer = setTimeout(poll, pollMilliseconds);
    } catch {
      pollTimer = setTimeout(poll, pollMilliseconds * 2);
    }
  };
  watchLive(`/rp/presentations/${encodeURIComponent(transactionId)}/events` + query, (view) => showResult(view, preset), (view) => view.status === "pending", poll);
}

function showResult(view, preset) {
  const status = $("status");
  status.className = view.status;
  status.textContent = {
    pending: text.waiting,
    verified: text.verified,
    rejected: text.rejected,
    expired: text.expired,
  }[view.status] || view.status;

  const events = $("events");
  events.replaceChildren(...view.events.map((e) => element("li", `${new Date(e.at).toLocaleTimeString(document.documentElement.lang)} ${e.type}${e.detail ? ": " + e.detail : ""}`)));

  if (view.status === "verified") {
    const claims = $("claims");
    claims.replaceChildren();
    for (const [queryId, credentials] of Object.entries(view.credentials)) {
      for (const credential of credentials) claims.append(renderCredential(queryId, credential, preset));
    }
    $("checks").replaceChildren(...view.checks.map((c) => {
      const item = element("li");
      item.append(element("strong", c.name + ": "), document.createTextNode(c.detail));
      return item;
    }));
    $("checks-block").hidden = false;
  }

  if (view.errors.length > 0) {
    $("errors").replaceChildren(...view.errors.map((e) => {
      const item = element("li");
      item.append(element("code", e.code), document.createTextNode(" " + e.message));
      return item;
    }));
    $("errors-block").hidden = false;
  }
}

function renderCredential(queryId, credential, preset) {
  const block = element("div");
  block.append(element("h3", `${queryId}: ${credential.format === "mso_mdoc" ? "mdoc " + credential.doctype : "SD-JWT VC " + credential.vct}`));
  const facts = element("dl");
  addRow(facts, text.issuer, credential.issuer || text.unknown);
  addRow(facts, text.levelOfAssurance, credential.levelOfAssurance || text.notTagged);
  addRow(facts, text.status, credential.status);
  addRow(facts, text.holderBinding, credential.holderBinding ? text.yes : text.no);
  block.append(facts);
  block.append(element("h4", text.disclosedClaims));
  const claims = credential.format === "mso_mdoc" ? Object.assign({}, ...Object.values(credential.claims)) : credential.claims;
  block.append(renderValue(claims));
  if (preset === "age_from_birth_date") {
    const birthDate = claims.birthdate || claims.birth_date;
    const age = ageOn(birthDate, new Date());
    block.append(element("p", age === null
      ? text.noBirthDate
      : `${text.ageOver18}: ${age >= 18 ? text.yes : text.no} (${text.ageWorkedOut}).`));
  }
  return block;
}

function addRow(list, name, value) {
  list.append(element("dt", name));
  const dd = element("dd");
  dd.append(typeof value === "string" ? document.createTextNode(value) : value);
  list.append(dd);
}

function renderValue(value) {
  if (Array.isArray(value)) return document.createTextNode(value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", "));
  if (value !== null && typeof value === "object") {
    const list = element("dl");
    for (const [name, inner] of Object.entries(value)) addRow(list, name, renderValue(inner));
    return list;
  }
  return document.createTextNode(String(value));
}

function ageOn(birthDate, today) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate || "");
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  let age = today.getFullYear() - year;
  if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) age--;
  return age;
}

// Same-device return: the wallet redirected here with #response_code=…; the result is released only with that code.
function resumeSameDevice() {
  const match = /^#response_code=([A-Za-z0-9_-]{1,256})$/.exec(location.hash);
  const stored = localStorage.getItem(storedTransaction);
  if (!match || !stored) return;
  history.replaceState(null, "", location.pathname);
  localStorage.removeItem(storedTransaction);
  const { id, preset } = JSON.parse(stored);
  resetResult();
  startPolling(id, match[1], preset);
}

document.addEventListener("DOMContentLoaded", () => {
  $("choice").addEventListener("submit", createRequest);
  resumeSameDevice();
});
