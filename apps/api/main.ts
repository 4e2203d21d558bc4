// `npm start` runs `node dist/apps/api/main.js`; the service lives in src/.
import './src/main';
