// Leaflet with the marker-cluster plugin. The plugin is a UMD script that extends the global
// `L`, so the global is set (in ./leaflet-global) before the plugin is evaluated.
import L from './leaflet-global';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';

export default L;
