/**
 * The modules that register indicators (each file calls defineIndicator at load). A module that adds indicators adds
 * its file here, so the list at /api/indicators never depends on which routes happened to load first.
 */
import '../problems/indicators';
import '../inspections/indicators';
import '../materials/indicators';
import '../patrols/indicators';
import '../evaluation/indicators';
import '../surveys/indicators';
import '../plans/indicators';
import '../plans/progress-indicators';
import '../projects/indicators';
import '../public-reports/indicators';
import '../volunteers/indicators';
import '../volunteers/indicators-activities';
import '../honours/indicators';
import '../charity/indicators';
