// A host page for browser tests. Query: src (the app URL), dialect (h5p | canvas | rolecall |
// none), width (frame width, px), third (URL of a third-origin frame to add beside the app).
// Every message received is recorded in window.received; the frame's height is set by the
// chosen resize dialect, implemented as the real hosts do it.
const q = new URLSearchParams(location.search);
const frame = document.createElement("iframe");
frame.id = "app";
frame.title = "RoleCall";
frame.src = q.get("src");
frame.width = q.get("width") || "600";
frame.setAttribute("scrolling", "auto");
if (q.get("sandbox") !== null) frame.setAttribute("sandbox", q.get("sandbox"));
document.getElementById("slot").append(frame);
if (q.get("third")) {
  const third = document.createElement("iframe");
  third.id = "third";
  third.src = q.get("third");
  document.getElementById("slot").append(third);
}
window.received = [];
window.heights = [];
const dialect = q.get("dialect") || "none";

function setHeight(h) {
  frame.style.height = h + "px";
  window.heights.push(Number(h));
}

addEventListener("message", (event) => {
  const data = event.data;
  window.received.push({ origin: event.origin, fromApp: event.source === frame.contentWindow, data });
  if (event.source !== frame.contentWindow || !data || typeof data !== "object") return;
  if (dialect === "h5p" && data.context === "h5p") {
    // As h5p-resizer.js: hello -> full width, reply hello; prepareResize -> reset height to the
    // frame's client height and reply resizePrepared when heights differ; resize -> set height.
    const reply = (action) => event.source.postMessage({ context: "h5p", action }, event.origin);
    if (data.action === "hello") {
      frame.style.width = "100%";
      reply("hello");
    } else if (data.action === "prepareResize") {
      if (frame.clientHeight !== data.scrollHeight || data.scrollHeight !== data.clientHeight) {
        setHeight(data.clientHeight);
        reply("resizePrepared");
      }
    } else if (data.action === "resize") {
      setHeight(data.scrollHeight);
    }
  } else if (dialect === "canvas" && data.subject === "lti.frameResize") {
    setHeight(data.height);
  } else if (dialect === "rolecall" && data.type === "rolecall:resize") {
    setHeight(data.height);
  }
});

// Lets a test send a message into the app as this host (the parent) would.
window.sendToApp = (message, targetOrigin = "*") => frame.contentWindow.postMessage(message, targetOrigin);
