// A frame on a third origin that tries to talk to the app frame beside it.
window.attack = (message) => parent.frames[0].postMessage(message, "*");
