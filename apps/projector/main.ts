// `npm run start:projector` runs `node dist/apps/projector/main.js`; the worker lives in src/.
import './src/main';
