// Shared by the relying-party page, the age gate and the counter page (loaded before each page's own script).
"use strict";

let liveSource = null;

// Live results: the transaction's server-sent events (one per stage, the last one final), falling back to polling when
// the browser has no EventSource or the stream breaks. data-live on <body> says which one delivered (the browser tests read it).
const liveEvents = ["created", "request_fetched", "response_received", "verified", "rejected", "expired"];

function watchLive(url, onView, isPending, fallback) {
  stopLive();
  if (typeof EventSource !== "function") {
    document.body.dataset.live = "polling";
    fallback();
    return;
  }

  const source = new EventSource(url, { withCredentials: true });
  liveSource = source;
  const handle = (event) => {
    if (liveSource !== source) return;
    document.body.dataset.live = "sse";
    const view = JSON.parse(event.data);
    onView(view);
    if (!isPending(view)) {
      source.close();
      liveSource = null;
    }
  };
  for (const name of liveEvents) source.addEventListener(name, handle);
  source.onerror = () => {
    if (liveSource !== source) return;
    source.close();
    liveSource = null;
    document.body.dataset.live = "polling";
    fallback();
  };
}

// Closes the stream, if one is open (a page that starts over or clears itself).
function stopLive() {
  if (liveSource) liveSource.close();
  liveSource = null;
}
