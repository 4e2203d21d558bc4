import { openEventStore } from '@vigie/event-store';
import { openReadDataSource, rebuildProjections } from '@vigie/read-models';
async function main() {
  const store = await openEventStore(`sqlite:/tmp/prof-hist/log-100000.sqlite`);
  const ds = await openReadDataSource(`sqlite:/tmp/prof-hist/hist2-${Date.now()}.sqlite`);
  const t = Date.now(); const c0 = process.cpuUsage();
  await rebuildProjections({ store, dataSource: ds, names: [process.argv[2] ?? 'as-of-history'] });
  const c = process.cpuUsage(c0);
  console.log(process.argv[2], 'wall', Date.now() - t, 'cpu', Math.round((c.user + c.system) / 1000));
  await ds.destroy(); await store.close();
}
main();
