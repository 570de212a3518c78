#pragma once
// Parameters of the HO model (MODEL.md §2–§3), one struct per mechanism.
// Each member: canonical unit in its name suffix; the comment gives
//   config key | default | allowed range | meaning | source.
// Defaults here are fallbacks; the parameter table (param_table_ho.cpp) is the
// source of truth and must carry the same values. "(est.)" = estimate.
#include <array>

namespace hosim {

struct OxygenParams {
  // oxygen.capillary_po2 | 60 mmHg | [0, 200] | mean capillary PO2 that perfused vessels hold the
  //   tissue towards | arterial ~95, venous ~40 mmHg: mean capillary ~60 (est.)
  double capillary_po2_mmHg = 60;
  // oxygen.supply_rate | 0.083 1/s | [0, 100] | exchange rate between vessels and tissue at full
  //   vascular density; with muscle consumption it sets normal muscle PO2 to ~45 mmHg |
  //   calibrated to 38–51 mmHg in normal muscle (MODEL.md §1, Lu 2008) (est.)
  double supply_rate_per_s = 0.083;
  // oxygen.muscle_consumption | 1.4 mmHg/s | [0, 100] | maximal O2 uptake of intact muscle
  //   (Michaelis–Menten Vmax per voxel of muscle) | resting muscle VO2 ~0.25 mL O2/100 g/min
  //   = 1.9 µM/s, /1.35 µM/mmHg solubility (est.)
  double muscle_consumption_mmHg_s = 1.4;
  // oxygen.cell_consumption | 1.25 mmHg/s | [0, 100] | Vmax of one cell in its voxel |
  //   1.3e-17 mol/cell/s (MODEL.md §2) in a 20 µm voxel (8e-12 L) = 1.6 µM/s /1.3 µM/mmHg
  double cell_consumption_mmHg_s = 1.25;
  // oxygen.haematoma_consumption | 1 mmHg/s | [0, 100] | Vmax of a fully haemorrhagic voxel |
  //   MODEL.md §1: haematoma about 6 mmHg, calibrated on the 1 mm teaching lesion (est.)
  double haematoma_consumption_mmHg_s = 1.0;
  // oxygen.km | 6 mmHg | (0, 100] | Michaelis constant of O2 uptake | MODEL.md §2
  double km_mmHg = 6;
  // oxygen.anoxia | 2.5 mmHg | [0, 50] | PO2 below which cells die of anoxia | MODEL.md §2
  double anoxia_mmHg = 2.5;
  // oxygen.hif_half | 13 mmHg | (0, 100] | PO2 of half-maximal HIF-1α response (Hill n = 3) |
  //   MODEL.md §2: 11–15 mmHg (1.5–2 % O2)
  double hif_half_mmHg = 13;
};

struct AcidParams {
  // acid.buffer | 40 mM | (0, 1000] | tissue buffer capacity: acid load (mM) per pH unit |
  //   skeletal muscle non-bicarbonate + bicarbonate buffering 30–60 mmol/(L·pH) (est.)
  double buffer_mM = 40;
  // acid.reference | 20 mM | [0, 1000] | acid load of normal perfused tissue (pH 7.4); loads
  //   below it are alkaline | model choice, sets the most alkaline pH 7.4 + reference/buffer (est.)
  double reference_mM = 20;
  // acid.injury_load | 24 mM | [0, 1000] | extra acid in the injury at t = 0 (pH ≈ 6.8) |
  //   MODEL.md §1: pH 6.7–6.9 in the first 48 h (Berkmann 2020)
  double injury_load_mM = 24;
  // acid.necrosis_release | 1e-3 mM/s | [0, 10] | acid (lactate, H+) released by fully necrotic
  //   tissue | calibrated to the pH course of MODEL.md §1 (est.)
  double necrosis_release_mM_s = 1e-3;
  // acid.glycolysis | 1e-4 mM/s | [0, 10] | acid made by one cell at full HIF (hypoxic
  //   glycolysis) | MODEL.md §2 (est.)
  double glycolysis_mM_s = 1e-4;
  // acid.neutrophil_glycolysis | 0.012 mM/s | [0, 10] | acid made by one neutrophil whatever
  //   the O2 (aerobic glycolysis) | resting leukocytes make 0.8–1.0 µmol lactate/h per 10⁷
  //   cells (0.003 mM/s in one 20-µm voxel); calibrated to the first-48-h pH (est.)
  double neutrophil_glycolysis_mM_s = 0.012;
  // acid.clearance | 2e-4 1/s | [0, 1] | removal of excess acid by perfusion at full vascular
  //   density | calibrated to pH ≈ 7.2 at day 2 (MODEL.md §1) (est.)
  double clearance_per_s = 2e-4;
  // acid.tissue_clearance | ln2/1 day | [0, 1] | removal of excess acid without perfusion
  //   (lactate oxidation by surviving cells, interstitial buffering) | the haematoma pH
  //   recovers from 6.7–6.9 to ~7.2 within 2 days before vessels return (Berkmann 2020) (est.)
  double tissue_clearance_per_s = 0.6931471805599453 / 86400;
  // acid.alkalinisation | 2e-3 mM/s | [0, 10] | base released per unit of local ALP activity
  //   (osteoblastic mineralisation front) | Newman 1985: alkaline phase during mineralisation,
  //   pH ≈ 7.5 by day 20 (MODEL.md §1) (est.)
  double alkalinisation_mM_s = 2e-3;
};

struct BmpParams {
  // bmp.injury_burst | 2 nM | [0, 1e3] | BMP released into the injury at t = 0 | MODEL.md §3.1
  // (est.)
  double injury_burst_nM = 2;
  // bmp.necrosis_release | 1e-4 nM/s | [0, 1] | release by necrotic tissue | MODEL.md §2 (est.)
  double necrosis_release_nM_s = 1e-4;
  // bmp.macrophage | 5e-5 nM/s | [0, 1] | made by one macrophage (M1 or M2) | MODEL.md §2 (est.)
  double macrophage_nM_s = 5e-5;
  // bmp.hypertrophic | 4e-5 nM/s | [0, 1] | made by one hypertrophic chondrocyte | MODEL.md §2
  // (est.)
  double hypertrophic_nM_s = 4e-5;
  // bmp.osteoblast | 2e-6 nM/s | [0, 1] | made by one osteoblast | MODEL.md §3.6 (est.)
  double osteoblast_nM_s = 2e-6;
  // bmp.half_max | 0.3 nM | (0, 1e3] | free BMP giving half-maximal signalling |
  //   BMP-2 EC50 1–10 ng/mL ≈ 0.04–0.4 nM (est.)
  double half_max_nM = 0.3;
  // bmp.noggin_binding | 1e-3 1/(nM*s) | [0, 10] | association rate of BMP with Noggin; with
  //   Kd ≈ 20 pM (MODEL.md §2) binding is treated as irreversible | kon ~1e6 1/(M·s) (est.)
  double noggin_binding_per_nM_s = 1e-3;
};

struct NogginParams {
  // noggin.osteoblast | 1e-5 nM/s | [0, 1] | made by one osteoblast (negative feedback) | MODEL.md
  // §2 (est.)
  double osteoblast_nM_s = 1e-5;
  // noggin.chondrocyte | 5e-6 nM/s | [0, 1] | made by one chondrocyte | MODEL.md §2 (est.)
  double chondrocyte_nM_s = 5e-6;
};

struct InflammationParams {
  // inflammation.neutrophil | 2e-5 nM/s | [0, 10] | signal (PGE2/cytokines) made by one
  //   neutrophil through COX-2 | MODEL.md §2 (est.)
  double neutrophil_nM_s = 2e-5;
  // inflammation.m1 | 2e-5 nM/s | [0, 10] | made by one M1 macrophage | MODEL.md §2 (est.)
  double m1_nM_s = 2e-5;
  // inflammation.necrosis | 1e-3 nM/s | [0, 10] | danger signals from fully necrotic tissue
  //   (drive the first recruitment) | MODEL.md §3.1 (est.)
  double necrosis_nM_s = 1e-3;
  // inflammation.cox2_activity | 1 | [0, 1] | fraction of COX-2 production active (NSAIDs lower it)
  // |
  //   MODEL.md §4
  double cox2_activity = 1;
  // inflammation.necrosis_cox2_share | 0.8 | [0, 1] | share of the signal released at necrotic
  //   tissue that is made through COX-2 (NSAIDs act on it) | (est.)
  double necrosis_cox2_share = 0.8;
  // inflammation.half_max | 0.5 nM | (0, 1e3] | signal giving half-maximal effect on recruitment,
  //   proliferation and commitment | (est.)
  double half_max_nM = 0.5;
  // inflammation.proliferation_gain | 1 | [0, 10] | relative rise of progenitor proliferation at
  //   saturating signal | MODEL.md §2: local PGE2 roughly doubles bone formation (est.)
  double proliferation_gain = 1;
  // inflammation.commitment_gain | 0.5 | [0, 10] | relative rise of osteochondral commitment at
  //   saturating signal | MODEL.md §2 (est.)
  double commitment_gain = 0.5;
  // inflammation.progenitor_cox2_share | 0.3 | [0, 1] | share of the BMP-driven osteochondral
  //   commitment that runs through the progenitor's own COX-2 (BMP-2 induces it); an NSAID
  //   that blocks a fraction x of COX-2 scales commitment by 1 - share * x | Chikazu 2002 J Bone
  //   Miner Res 17:1430; Zhang 2002 J Clin Invest 109:1405 (est.)
  double progenitor_cox2_share = 0.3;
  // inflammation.injury_burst | 5 nM | [0, 1e3] | released into necrotic tissue at injury |
  //   MODEL.md §3.1 (est.)
  double injury_burst_nM = 5;
};

struct RosParams {
  // ros.neutrophil | 2e-3 1/s | [0, 10] | ROS index made by one neutrophil | MODEL.md §2 (est.)
  double neutrophil_per_s = 2e-3;
  // ros.m1 | 5e-4 1/s | [0, 10] | made by one M1 macrophage | MODEL.md §2 (est.)
  double m1_per_s = 5e-4;
  // ros.reperfusion | 5e-3 1/s | [0, 10] | made where perfusion returns to damaged, still
  //   ischaemic tissue, per unit of vascular density × necrosis × HIF (xanthine oxidase on the
  //   purines of ATP breakdown) | MODEL.md §2: ROS from reperfusion (est.)
  double reperfusion_per_s = 5e-3;
  // ros.commitment_gain | 0.5 | [0, 10] | relative rise of osteochondral commitment at saturating
  //   ROS | MODEL.md §2: pro-osteogenic; scavengers reduce HO (est.)
  double commitment_gain = 0.5;
  // ros.half_max | 0.5 | (0, 1e3] | ROS index of half-maximal effect | (est.)
  double half_max = 0.5;
  // ros.hif_gain | 0.3 | [0, 1] | share of the HIF-1α activity missing at the local PO2 that
  //   saturating ROS adds to a progenitor's HIF memory (0: none; 0.3 and 0.5 compared in
  //   experiments/ODD.md §7.14) | Chandel 2000 (est.)
  double hif_gain = 0.3;
};

struct PhosphateParams {
  // phosphate.serum | 1.2 mM | [0, 20] | systemic phosphate that perfusion holds tissue towards |
  //   normal serum 0.8–1.45 mM
  double serum_mM = 1.2;
  // phosphate.exchange | 1e-3 1/s | [0, 1] | exchange rate with blood at full vascular density |
  // (est.)
  double exchange_per_s = 1e-3;
  // phosphate.half_max | 0.3 mM | (0, 100] | phosphate of half-maximal mineral growth | (est.)
  double half_max_mM = 0.3;
};

// Physicochemical precipitation of calcium phosphate (MODEL.md §3.8, the
// calcinosis pathway): crystals nucleate on damaged matrix and grow where the
// local calcium × phosphate product exceeds a threshold, drawing phosphate
// from the tissue (biology/precipitation.hpp).
struct PrecipitationParams {
  // precipitation.calcium | 2.4 mM | [0, 10] | total calcium of tissue fluid, held at the
  //   serum level | KDOQI 2003 guideline 6: normal corrected serum calcium 2.10–2.54 mM
  double calcium_mM = 2.4;
  // precipitation.product_threshold | 5.6 mM^2 | (0, 100] | calcium × phosphate product above
  //   which calcium phosphate precipitates in soft tissue | CARI guidelines 2005 (Hawley):
  //   70 mg²/dL² (5.6 mmol²/L²), the classical threshold for extraskeletal calcification and
  //   tumoral calcinosis
  double product_threshold_mM2 = 5.6;
  // precipitation.nucleation | 1.2e4 1/(mm^3*day) | [0, 1/(um^3*s)] | rate of crystal
  //   nucleation per volume of fully damaged matrix at a relative supersaturation of 1 (it grows
  //   with its square) | (est.): about ten nodules in two weeks in a 1 mm lesion slice
  double nucleation_per_um3_s = 1.2e4 / 1e9 / 86400;
  // precipitation.growth | 0.1 1/s | [0, 100] | rate constant of phosphate deposition on a fully
  //   developed crystal surface, per mM of excess over the threshold | (est.): fast against the
  //   phosphate exchange (1e-3 1/s), so deposits grow as fast as diffusion supplies them
  double growth_per_s = 0.1;
  // precipitation.surface | 0.05 | (0, 1] | mineral fraction at which a voxel's crystal surface
  //   is fully developed | (est.)
  double surface_mineral = 0.05;
  // precipitation.face_contact | 0.3 | [0, 1] | reactive surface that a developed deposit's face
  //   offers a damaged voxel it touches (flat-face contact), relative to a fully developed
  //   surface: the deposit grows on into its surroundings | (est.): rounded nodules, partly
  //   confluent (seed 001)
  double face_contact = 0.3;
  // precipitation.max_mineral | 0.5 | (0, 1] | mineral fraction of a full deposit (compact
  //   calcified material) | (est.)
  double max_mineral = 0.5;
  // precipitation.foreign_body | 2e-4 nM/s | [0, 1] | inflammatory signal released by a voxel
  //   full of precipitate (mineral outside osteoid): the macrophage foreign-body reaction around
  //   the deposits | MODEL.md §3.8; seed 001: histiocytes and foreign-body giant cells (est.)
  double foreign_body_nM_s = 2e-4;
};

struct VesselParams {
  // vessels.growth_rate | 2 1/day | [0, 100/day] | logistic growth rate of vascular density where
  //   driven by hypoxia (VEGF) | MODEL.md §3.3 (est.)
  double growth_rate_per_s = 2.0 / 86400;
  // vessels.spread | 3.6e-3 um^2/s | [0, 1] | spread of the vascular front (Fisher–KPP
  //   coefficient); front speed 2·√(spread·growth) ≈ 50 µm/day | MODEL.md §3.3: tens to a hundred
  //   µm/day (est.)
  double spread_um2_s = 3.6e-3;
  // vessels.basal_drive | 0.2 | [0, 1] | growth drive without hypoxia, relative to full HIF |
  // (est.)
  double basal_drive = 0.2;
  // vessels.necrosis_block | 0.5 | [0, 1] | necrosis above which vessels cannot enter a voxel
  //   (dead tissue must be cleared first) | MODEL.md §1: avascular necrotic core (est.)
  double necrosis_block = 0.5;
  // vessels.invasion | 0.3 | [0, 1] | vascular density at which hypertrophic cartilage is invaded
  //   and replaced by bone | MODEL.md §3.5 (est.)
  double invasion = 0.3;
};

struct TissueParams {
  // tissue.clearance | 0.5 1/day | [0, 100/day] | necrosis cleared per day by one macrophage in
  //   its voxel and each face neighbour | MODEL.md §3.2 (est.)
  double clearance_per_s = 0.5 / 86400;
  // tissue.autolysis | 0.01 1/day | [0, 10/day] | slow resolution of necrosis without macrophages |
  // (est.)
  double autolysis_per_s = 0.01 / 86400;
  // tissue.haemorrhage_resorption | 0.1 1/day | [0, 10/day] | resorption rate of the haematoma |
  // (est.)
  double haemorrhage_resorption_per_s = 0.1 / 86400;
  // tissue.fibrous_rate | 0.1 1/day | [0, 10/day] | fibrous matrix laid per day by one fibroblast |
  // (est.)
  double fibrous_rate_per_s = 0.1 / 86400;
  // tissue.cartilage_rate | 0.15 1/day | [0, 10/day] | cartilage matrix laid per day by one
  // chondrocyte | (est.)
  double cartilage_rate_per_s = 0.15 / 86400;
  // tissue.cartilage_resorption | 0.3 1/day | [0, 10/day] | resorption of vascularised cartilage |
  // (est.)
  double cartilage_resorption_per_s = 0.3 / 86400;
  // tissue.osteoid_apposition | 1 um/day | [0, 100 um/day] | osteoid laid by one osteoblast
  //   (volume fraction per day = apposition / voxel edge) | MODEL.md §3.6: about 1 µm/day
  double osteoid_apposition_um_s = 1.0 / 86400;
  // tissue.mineral_lag | 14 day | [0, 100 day] | age osteoid must reach before it mineralises |
  //   MODEL.md §3.7: 8–21 days (range to 52)
  double mineral_lag_s = 14 * 86400.0;
  // tissue.mineral_rate | 0.15 1/day | [0, 10/day] | primary mineralisation rate of mature osteoid
  //   at full ALP, pH and phosphate | MODEL.md §3.7 (est.)
  double mineral_rate_per_s = 0.15 / 86400;
  // tissue.secondary_rate | 0.01 1/day | [0, 10/day] | slow ALP-independent secondary
  // mineralisation | MODEL.md §3.7 (est.)
  double secondary_rate_per_s = 0.01 / 86400;
  // tissue.alp_half | 0.5 | (0, 100] | local ALP activity (osteoblasts in the voxel and its
  //   neighbours, pH-weighted) giving half-maximal mineralisation | (est.)
  double alp_half = 0.5;
  // tissue.hypertrophic_alp | 1 | [0, 10] | ALP activity of a hypertrophic chondrocyte relative
  //   to an osteoblast | hypertrophic chondrocytes are ALP-rich and calcify their matrix (est.)
  double hypertrophic_alp = 1.0;
  // tissue.alp_ph_width | 0.35 | (0, 10] | width σ of ALP activity exp(−((pH−7.4)/σ)²) |
  //   MODEL.md §3.6: highest near 7.4, about 8× lower at 6.9 → σ = 0.5/√ln 8 ≈ 0.35
  double alp_ph_width = 0.35;
  // tissue.mineral_ph_zero | 6.9 | [0, 14] | pH at which mineralisation stops | MODEL.md §3.7
  double mineral_ph_zero = 6.9;
  // tissue.maturation_rate | 0.02 1/day | [0, 10/day] | maturation of mineralised tissue towards
  //   lamellar bone | MODEL.md §1: osteoid to mature bone in about 2 months (est.)
  double maturation_rate_per_s = 0.02 / 86400;
  // tissue.ho_threshold | 0.2 | (0, 1] | mineral fraction above which a voxel counts as HO
  //   (radiographically dense) | (est.)
  double ho_threshold = 0.2;
  // tissue.bone_block | 0.5 | (0, 1] | mineral fraction above which cells cannot move or divide
  //   into a voxel | (est.)
  double bone_block = 0.5;
};

// Recruitment of cells from perfused tissue (and progenitors from haemorrhage).
struct RecruitmentParams {
  // recruitment.neutrophil_rate | 0.2 1/h | [0, 1000/h] | recruitment rate into an empty perfused
  //   voxel at saturating inflammatory signal | MODEL.md §3.2 (est.)
  double neutrophil_rate_per_s = 0.2 / 3600;
  // recruitment.neutrophil_window | 0.5 day | (0, 100 day] | e-folding time of the early
  //   chemokine burst that calls neutrophils | MODEL.md §3.2: gone by about day 2 (est.)
  double neutrophil_window_s = 0.5 * 86400;
  // recruitment.macrophage_rate | 0.05 1/h | [0, 1000/h] | monocyte/macrophage recruitment rate at
  //   saturating signal | MODEL.md §3.2 (est.)
  double macrophage_rate_per_s = 0.05 / 3600;
  // recruitment.macrophage_window | 4 day | (0, 100 day] | e-folding time of monocyte recruitment |
  //   MODEL.md §3.2: M1 days 1–3, M2 days 3–7 (est.)
  double macrophage_window_s = 4 * 86400.0;
  // recruitment.hill | 3 | [1, 10] | Hill coefficient of recruitment in the inflammatory signal
  //   (half-maximal at inflammation.half_max): a steep response keeps recruitment at the injury |
  //   (est.)
  double hill = 3;
  // recruitment.min_vessels | 0.3 | [0, 1] | vascular density needed for cells to enter | (est.)
  double min_vessels = 0.3;
  // recruitment.mpc_haemorrhage | 0.08 | [0, 1] | probability that a fully haemorrhagic voxel holds
  //   a progenitor at t = 0 | MODEL.md §3.1: haemorrhage delivers MPCs (est.)
  double mpc_haemorrhage = 0.08;
  // recruitment.mpc_resident | 0.01 | [0, 1] | probability that a muscle voxel holds a resident
  //   progenitor | MODEL.md §3.1: low density in muscle (est.)
  double mpc_resident = 0.01;
  // recruitment.foreign_body | 0.1 1/day | [0, 100/day] | monocyte/macrophage recruitment rate
  //   into an empty perfused voxel in or beside a developed precipitate (mineral outside osteoid,
  //   at least precipitation.surface), without the injury's time window | MODEL.md §3.8; seed 001:
  //   histiocytes and foreign-body giant cells around the nodules for as long as they are there
  //   (est.)
  double foreign_body_per_s = 0.1 / 86400;
};

// Risk modifiers of MODEL.md §3.1 (neurological injury, sex, HLA-B27, coma).
struct RiskParams {
  // risk.inflammation | 1 | [0, 100] | multiplier on inflammatory signal production | MODEL.md §3.1
  double inflammation = 1;
  // risk.mobilisation | 1 | [0, 100] | multiplier on progenitor delivery (haemorrhage and resident)
  // | MODEL.md §3.1
  double mobilisation = 1;
  // risk.bmp_expression | 1 | [0, 100] | multiplier on every BMP source | MODEL.md §3.1
  double bmp_expression = 1;
};

// Clinical readouts (MODEL.md §5).
struct ReadoutParams {
  // readouts.alp_baseline | 70 U/L | [0, 1000] | serum ALP without HO | normal range 39–117 U/L
  double alp_baseline_U_L = 70;
  // readouts.alp_uln | 117 U/L | (0, 1000] | upper normal limit of serum ALP | MODEL.md §1
  double alp_uln_U_L = 117;
  // readouts.alp_per_activity | 2.5e-3 U/L/s | [0, 1e6] | serum ALP entering per second per
  //   unit of mean local ALP activity over the lesion (it stands for a clinical lesion) |
  //   MODEL.md §5; calibrated to a peak of 3.5 × ULN in teaching_2d (est.)
  double alp_per_activity_U_L_s = 2.5e-3;
  // readouts.alp_half_life | 1.5 day | (0, 100 day] | serum half-life of bone ALP | MODEL.md §5:
  // 1–2 days
  double alp_half_life_s = 1.5 * 86400;
  // readouts.lesion_scale | 10 | (0, 1e3] | linear factor from the simulated lesion to the
  //   clinical lesion the imaging readouts describe | (est.)
  double lesion_scale = 10;
  // readouts.radiograph_mu_mineral | 1.5 1/cm | (0, 100/cm] | extra attenuation of pure
  //   hydroxyapatite over soft tissue at the beam's effective energy | J Nucl Med table, 50 keV
  double radiograph_mu_per_um = 1.5e-4;
  // readouts.radiograph_contrast | 0.02 | (0, 1) | least patch-mean contrast a reader sees | (est.)
  double radiograph_contrast = 0.02;
  // readouts.radiograph_patch | 2 mm | (0, 10 cm] | side of the least visible patch, clinical
  //   size | (est.)
  double radiograph_patch_um = 2000;
  // readouts.zone_mineral | 0.005 | (0, 1] | shell mean mineral fraction that reads as the
  //   echogenic ring | (est.)
  double zone_mineral = 0.005;
  // readouts.brooker_gap | 1 cm | (0, 1 m] | gap between opposing bone surfaces that splits
  //   Brooker grade II from III | Brooker 1973
  double brooker_gap_um = 1e4;
  // readouts.zone_ring_fraction | 0.3 | [0, 1] | least shell mineral, relative to the profile's
  //   peak, that belongs to the ring | (est.)
  double zone_ring_fraction = 0.3;
  // readouts.zone_cellular | 0.3 | [0, 1] | cell occupancy of a cellular core | (est.)
  double zone_cellular = 0.3;
  // readouts.zone_muscle | 0.9 | (0, 1] | shell mean muscle integrity of normal muscle | (est.)
  double zone_muscle = 0.9;
  // readouts.mri_vessels | 0.25 | (0, 1] | vascular density above which abnormal tissue takes
  //   up gadolinium (enhances) | (est.)
  double mri_vessels = 0.25;
  // readouts.scan_hyperaemia | 2 | [0, 100] | extra blood flow of tissue at saturating
  //   inflammatory signal, in multiples of its vascular density (vasodilation by PGE2 and
  //   other mediators) | MODEL.md §5: flow phase = perfusion and hyperaemia (est.)
  double scan_hyperaemia = 2;
  // readouts.scan_leak | 1 | [0, 100] | extra blood-pool activity of fully damaged, perfused
  //   tissue (capillary leak, oedema), per unit of vascular density | MODEL.md §5: blood pool =
  //   perfusion and oedema (est.)
  double scan_leak = 1;
  // readouts.scan_background | 0.1 | (0, 10] | delayed-phase tracer retained by perfused soft
  //   tissue, relative to a fully active mineralising front | MODEL.md §5 (est.)
  double scan_background = 0.1;
  // readouts.mature_maturity | 0.5 | (0, 1] | maturity above which HO counts as mature
  //   (lamellar) bone | seed 000: first osteoid to mature bone in about two months (est.)
  double mature_maturity = 0.5;
  // readouts.calcinosis_osteoid | 0.5 | (0, 1] | share of the mineral lying in osteoid below
  //   which a lesion is classed as calcinosis, not ossification | MODEL.md §5; seed 001:
  //   structureless calcified material without bone matrix (est.)
  double calcinosis_osteoid = 0.5;
  // readouts.nodule_resolution | 100 um | [1 um, 1 cm] | resolution of the image on which
  //   separate dense nodules are counted | thin-section CT resolves about 0.1–0.5 mm (est.)
  double nodule_resolution_um = 100;
};

}  // namespace hosim
