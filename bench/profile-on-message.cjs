// Preloaded (`--require`) into the server the gate benchmark profiles: the V8 CPU profiler (what
// `node --cpu-prof` runs) started and stopped by the parent over IPC, so the profile covers the load only,
// not the start-up. 'profile-start' starts it; 'profile-stop' writes the .cpuprofile to PROFILE_DIR and
// answers { profile: path }.
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
  );

process.on('message', async (message) => {
  if (message === 'profile-start') {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    process.send({ started: true });
  } else if (message === 'profile-stop') {
    const { profile } = await post('Profiler.stop');
    const dir = process.env.PROFILE_DIR;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `gate-${Date.now()}.cpuprofile`);
    writeFileSync(path, JSON.stringify(profile));
    process.send({ profile: path });
  }
});
