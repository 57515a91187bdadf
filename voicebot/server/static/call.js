// The browser phone: microphone -> 16 kHz 16-bit PCM over WS /calls; bot audio, transcript,
// handoff and end come back (CONTRACTS.md). No build step, no dependencies.
"use strict";

const RATE = 16000; // Hz sent to the server and announced in the start frame
const FRAME = 320; // samples per frame sent (20 ms at 16 kHz)
const $ = (id) => document.getElementById(id);

const call = { ws: null, ctx: null, stream: null, node: null, nextPlay: 0, sources: [],
  pending: [], lastKeysItem: null, peak: 0, sent: 0 };
window.voicebotCall = call; // for tests and the curious: levels and counters

function status(text) { $("status").textContent = text; }

function addLine(kind, who, text) {
  const item = document.createElement("li");
  item.className = kind;
  const label = document.createElement("span");
  label.className = "who";
  label.textContent = who;
  item.append(label, document.createTextNode(text));
  $("transcript").append(item);
  item.scrollIntoView({ block: "nearest" });
  return item;
}

async function loadLines() {
  const response = await fetch("/call/tenants");
  const lines = await response.json();
  for (const line of lines) {
    const option = document.createElement("option");
    option.value = line.dialed;
    option.textContent = `${line.name} (${line.dialed})`;
    $("line").append(option);
  }
}

// Microphone samples (any rate) -> 16 kHz Int16 frames, by averaging over each output step.
function downsample(input, fromRate) {
  const ratio = fromRate / RATE;
  const out = new Int16Array(Math.floor(input.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const start = Math.floor(i * ratio), end = Math.min(input.length, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = start; j < end; j++) sum += input[j];
    const value = sum / Math.max(1, end - start);
    out[i] = Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
  }
  return out;
}

function sendAudio(samples) {
  for (const s of samples) { call.pending.push(s); call.peak = Math.max(call.peak, Math.abs(s)); }
  call.sent += samples.length;
  while (call.pending.length >= FRAME) {
    const frame = Int16Array.from(call.pending.splice(0, FRAME));
    if (call.ws && call.ws.readyState === WebSocket.OPEN) call.ws.send(frame.buffer);
  }
}

const WORKLET = `class Tap extends AudioWorkletProcessor {
  process(inputs) { if (inputs[0][0]) this.port.postMessage(inputs[0][0].slice(0)); return true; }
}
registerProcessor("tap", Tap);`;

async function startMicrophone() {
  call.stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
  call.ctx = new AudioContext();
  const source = call.ctx.createMediaStreamSource(call.stream);
  const rate = call.ctx.sampleRate;
  if (call.ctx.audioWorklet) {
    const url = URL.createObjectURL(new Blob([WORKLET], { type: "text/javascript" }));
    await call.ctx.audioWorklet.addModule(url);
    call.node = new AudioWorkletNode(call.ctx, "tap");
    call.node.port.onmessage = (e) => sendAudio(downsample(e.data, rate));
  } else { // older browsers
    call.node = call.ctx.createScriptProcessor(2048, 1, 1);
    call.node.onaudioprocess = (e) => sendAudio(downsample(e.inputBuffer.getChannelData(0), rate));
  }
  source.connect(call.node);
  const mute = call.ctx.createGain();
  mute.gain.value = 0; // keep the node pulled without hearing ourselves
  call.node.connect(mute).connect(call.ctx.destination);
}

function playBotAudio(buffer) {
  const pcm = new Int16Array(buffer);
  if (!pcm.length || !call.ctx) return;
  const audio = call.ctx.createBuffer(1, pcm.length, RATE);
  const channel = audio.getChannelData(0);
  for (let i = 0; i < pcm.length; i++) channel[i] = pcm[i] / 32768;
  const source = call.ctx.createBufferSource();
  source.buffer = audio;
  source.connect(call.ctx.destination);
  call.nextPlay = Math.max(call.nextPlay, call.ctx.currentTime + 0.05);
  source.start(call.nextPlay);
  call.nextPlay += audio.duration;
  call.sources.push(source);
  source.onended = () => { call.sources = call.sources.filter((s) => s !== source); };
}

function stopBotAudio() { // barge-in: the server says the caller is talking over the bot
  for (const source of call.sources) { try { source.stop(); } catch (e) { /* already ended */ } }
  call.sources = [];
  call.nextPlay = 0;
}

function onEvent(event) {
  if (event.type === "bot_text") addLine("bot", "Bot", event.text);
  else if (event.type === "transcript" && event.final) {
    $("partial").textContent = "";
    if (event.text) addLine("caller", "You", event.text);
  } else if (event.type === "transcript") $("partial").textContent = event.text + " …";
  else if (event.type === "clear") stopBotAudio();
  else if (event.type === "handoff") {
    $("handoff").hidden = false;
    $("handoff").textContent = `Handed over to the queue “${event.queue}” (${event.priority} priority).`;
  } else if (event.type === "error") status(`Error: ${event.message}`);
  else if (event.type === "end") { status(`Call ended (${event.reason}).`); finish(false); }
}

async function startCall() {
  const dialed = $("line").value;
  $("transcript").replaceChildren();
  $("handoff").hidden = true;
  $("call").disabled = true;
  status("Calling…");
  try {
    await startMicrophone();
  } catch (err) {
    status(`No microphone: ${err.message}`);
    $("call").disabled = false;
    return;
  }
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  call.ws = new WebSocket(`${scheme}://${location.host}/calls?dialed=${encodeURIComponent(dialed)}`);
  call.ws.binaryType = "arraybuffer";
  call.ws.onopen = () => {
    call.ws.send(JSON.stringify({ type: "start", sample_rate: RATE }));
    status("Connected. Talk now.");
    $("hangup").disabled = false;
  };
  call.ws.onmessage = (msg) => {
    if (typeof msg.data === "string") onEvent(JSON.parse(msg.data));
    else playBotAudio(msg.data);
  };
  call.ws.onclose = () => finish(false);
}

function key(digit) {
  if (!call.ws || call.ws.readyState !== WebSocket.OPEN) return;
  call.ws.send(JSON.stringify({ type: "dtmf", digit }));
  if (!call.lastKeysItem || call.lastKeysItem !== $("transcript").lastElementChild) {
    call.lastKeysItem = addLine("keys", "Keys", "");
  }
  call.lastKeysItem.append(digit);
}

function finish(sendHangup) {
  if (sendHangup && call.ws && call.ws.readyState === WebSocket.OPEN) {
    call.ws.send(JSON.stringify({ type: "hangup" }));
  }
  if (call.stream) call.stream.getTracks().forEach((t) => t.stop());
  if (call.node) call.node.disconnect();
  call.stream = call.node = null;
  call.pending = [];
  $("call").disabled = false;
  $("hangup").disabled = true;
}

$("call").addEventListener("click", startCall);
$("hangup").addEventListener("click", () => { finish(true); status("You hung up."); });
for (const button of $("keypad").querySelectorAll("button")) {
  button.addEventListener("click", () => key(button.textContent));
}
document.addEventListener("keydown", (e) => {
  if ("0123456789*#".includes(e.key) && e.key.length === 1 && e.target.tagName !== "SELECT") key(e.key);
});
loadLines().catch((err) => status(`Could not load the lines: ${err.message}`));
