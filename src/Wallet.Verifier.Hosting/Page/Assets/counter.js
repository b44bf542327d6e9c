// The counter ID check page: one button creates a check for this browser session, shows the request as a QR code and a
// link, polls for the answer and shows it on a green or red panel that clears itself. Everything from the server is
// inserted with textContent, never as HTML; nothing is written to storage.
"use strict";

const pollMilliseconds = 1500;
const $ = (id) => document.getElementById(id);
const text = JSON.parse(document.getElementById("page-text").textContent);
let pollTimer = null;
let clearTimer = null;
let countdownTimer = null;

async function startCheck() {
  const button = $("start");
  $("form-error").textContent = "";
  button.disabled = true;
  clearResult();
  try {
    const response = await fetch("/rp/counter/checks", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
      credentials: "same-origin",
    });
    const body = await response.json();
    if (!response.ok) {
      $("form-error").textContent = body.detail || `${text.couldNotCreate} (${response.status}).`;
      return;
    }

    $("request").hidden = false;
    $("qr").src = body.qrCode;
    $("link").href = body.authorizationRequestUri;
    $("result").hidden = false;
    $("panel").className = "panel";
    $("verdict").textContent = text.waiting;
    poll(body.transactionId);
  } catch {
    $("form-error").textContent = text.unreachable;
  } finally {
    button.disabled = false;
  }
}

function poll(transactionId) {
  if (pollTimer) clearTimeout(pollTimer);
  const step = async () => {
    try {
      const response = await fetch(`/rp/counter/checks/${encodeURIComponent(transactionId)}`, { cache: "no-store", credentials: "same-origin" });
      if (!response.ok) return;
      const view = await response.json();
      if (view.state === "pending") {
        pollTimer = setTimeout(step, pollMilliseconds);
        return;
      }

      show(view);
    } catch {
      pollTimer = setTimeout(step, pollMilliseconds * 2);
    }
  };
  watchLive(`/rp/counter/checks/${encodeURIComponent(transactionId)}/events`, (view) => { if (!(view.state === "pending")) show(view); }, (view) => view.state === "pending", step);
}

function fact(term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value ?? text.notGiven;
  return [dt, dd];
}

function reasonText(reason) {
  if (reason.kind === "level") return text.reasonLevelTooLow;
  if (reason.kind === "revoked") return text.reasonRevoked;
  return text.reasonOther;
}

function show(view) {
  $("request").hidden = true;
  $("qr").removeAttribute("src");
  const panel = $("panel");
  const verdict = $("verdict");
  if (view.state === "expired") {
    panel.className = "panel refused";
    verdict.textContent = text.expired;
    scheduleClear(view.clearAfterSeconds);
    return;
  }

  const accepted = view.state === "accepted";
  panel.className = accepted ? "panel accepted" : "panel refused";
  // The word carries the meaning, with a symbol; the colour only repeats it.
  verdict.textContent = accepted ? `\u2714 ${text.accepted}` : `\u2716 ${text.refused}`;
  if (accepted) {
    const name = [view.givenName, view.familyName].filter((n) => n).join(" ") || null;
    const level = view.levelOfAssurance ? (text.levels[view.levelOfAssurance] || view.levelOfAssurance) : null;
    const status = view.credentialStatus === "valid" ? text.statusValid : view.credentialStatus === "unchecked" ? text.statusUnchecked : view.credentialStatus;
    $("facts").replaceChildren(
      ...fact(text.name, name),
      ...fact(text.birthDate, view.birthDate),
      ...fact(text.age, view.age == null ? null : text.years.replace("{age}", String(view.age))),
      ...fact(text.levelOfAssurance, level),
      ...fact(text.status, status),
      ...fact(text.issuer, view.issuer));
    const portrait = $("portrait");
    if (view.portrait) {
      portrait.alt = `${text.portrait}: ${name ?? ""}`.trim();
      portrait.src = view.portrait;
      portrait.hidden = false;
      $("no-portrait").hidden = true;
    } else {
      portrait.hidden = true;
      $("no-portrait").textContent = text.noPortrait;
      $("no-portrait").hidden = false;
    }

    $("person").hidden = false;
  } else {
    $("reasons-heading").textContent = text.reasons;
    $("reasons").replaceChildren(...(view.reasons || []).map((r) => {
      const item = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = r.code;
      code.lang = "en";
      item.append(document.createTextNode(reasonText(r) + " "), code);
      return item;
    }));
    $("why").hidden = false;
  }

  scheduleClear(view.clearAfterSeconds);
}

function scheduleClear(seconds) {
  let left = seconds;
  const tick = () => {
    $("clears").textContent = text.clearsIn.replace("{seconds}", String(left));
    left -= 1;
  };
  tick();
  countdownTimer = setInterval(tick, 1000);
  clearTimer = setTimeout(clearResult, seconds * 1000);
}

// Back to the start: the person's data leaves the page (and the portrait's address, so it is not shown again).
function clearResult() {
  if (pollTimer) clearTimeout(pollTimer);
  if (clearTimer) clearTimeout(clearTimer);
  if (countdownTimer) clearInterval(countdownTimer);
  stopLive();
  pollTimer = clearTimer = countdownTimer = null;
  $("request").hidden = true;
  $("qr").removeAttribute("src");
  $("result").hidden = true;
  $("panel").className = "panel";
  $("verdict").textContent = "";
  $("facts").replaceChildren();
  $("reasons").replaceChildren();
  $("portrait").removeAttribute("src");
  $("portrait").alt = "";
  $("portrait").hidden = true;
  $("no-portrait").hidden = true;
  $("person").hidden = true;
  $("why").hidden = true;
  $("clears").textContent = "";
}

document.addEventListener("DOMContentLoaded", () => {
  $("start").addEventListener("click", startCheck);
});
