// Host-side listener for RoleCall: sizes the frame and logs results. Copy what you need.
const frame = document.getElementById("rolecall");
const log = document.getElementById("log");
const appOrigin = new URL(frame.src, location.href).origin;

addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow) return;          // only our frame
  const data = event.data;
  if (!data || typeof data !== "object") return;
  if (data.type === "rolecall:resize") {                     // size: any origin may send it
    frame.style.height = data.height + "px";
    return;
  }
  if (event.origin !== appOrigin) return;                    // results: only from RoleCall
  if (typeof data.type === "string" && data.type.startsWith("rolecall:")) {
    const item = document.createElement("li");
    const summary = data.type === "rolecall:xapi"
      ? "xAPI " + data.statement.verb.display["en-US"] + " " + data.statement.object.id
      : data.type + " " + JSON.stringify(data);
    item.textContent = summary;                               // text only, never HTML
    log.prepend(item);
  }
});
