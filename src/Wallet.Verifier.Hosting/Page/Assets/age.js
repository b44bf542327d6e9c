// The age-gate page: creates an age check for this browser session, shows the request, polls for yes or no.
// Everything from the server is inserted with textContent, never as HTML.
"use strict";

const pollMilliseconds = 1500;
const $ = (id) => document.getElementById(id);
const text = JSON.parse(document.getElementById("page-text").textContent);
let pollTimer = null;

async function createCheck(event) {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector("button");
  const age = Number(form.querySelector("input[name=age]:checked").value);
  $("form-error").textContent = "";
  button.disabled = true;
  try {
    const response = await fetch("/rp/age-checks", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ age_over: age }),
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
    showPending();
    poll(body.transactionId);
  } catch {
    $("form-error").textContent = text.unreachable;
  } finally {
    button.disabled = false;
  }
}

function showPending() {
  $("answer").hidden = false;
  $("verdict").className = "verdict";
  $("verdict").textContent = text.waiting;
  $("explanation").textContent = "";
  $("reasons").replaceChildren();
}

function poll(transactionId) {
  if (pollTimer) clearTimeout(pollTimer);
  const step = async () => {
    try {
      const response = await fetch(`/rp/age-checks/${encodeURIComponent(transactionId)}`, { cache: "no-store", credentials: "same-origin" });
      if (!response.ok) return;
      const view = await response.json();
      if (view.status === "pending") {
        pollTimer = setTimeout(step, pollMilliseconds);
        return;
      }

      show(view);
    } catch {
      pollTimer = setTimeout(step, pollMilliseconds * 2);
    }
  };
  watchLive(`/rp/age-checks/${encodeURIComponent(transactionId)}/events`, (view) => { if (!(view.status === "pending")) show(view); }, (view) => view.status === "pending", step);
}

function show(view) {
  const verdict = $("verdict");
  if (view.status === "expired") {
    verdict.className = "verdict expired";
    verdict.textContent = text.expired;
    return;
  }

  verdict.className = view.over ? "verdict verified" : "verdict rejected";
  verdict.textContent = view.over ? text.yes : text.no;
  $("explanation").textContent = (view.over ? text.overAge : text.notShown).replace("{age}", String(view.ageOver));
  $("reasons").replaceChildren(...(view.errors || []).map((e) => {
    const item = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = e.code;
    item.append(code, document.createTextNode(" " + e.message));
    return item;
  }));
}

document.addEventListener("DOMContentLoaded", () => {
  $("age-choice").addEventListener("submit", createCheck);
});
