// Preloaded into Azurite (node --require). Azurite's output goes to a pipe read by the host that
// started it; when that host is killed, writing to the closed pipe raises EPIPE, and Node would crash
// on it, as Azurite closes, before saving its store. Ignoring the error lets it close and save.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
