// The parameters of the HO model (MODEL.md §2–§3): cell types, the sources,
// sinks and effects of each diffusing substance, vessels, tissue kinetics,
// recruitment and risk modifiers. Keys, defaults, ranges, meanings and
// sources are those of the member comments in params.hpp and ho_params.hpp;
// the defaults here must equal the member initialisers there (a test checks
// every one). "(est.)" marks an estimate that should be swept, not trusted.
#include "config/param_table_ho.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace hosim::table_detail {

namespace {

// cells.<type>.anoxic_death_rate: the extra death rate of a cell type below
// oxygen.anoxia. One helper so every type's key reads the same way.
void add_anoxic_death(ParamTable& t, const std::string& type, double& (*ref)(Params&),
                      double per_day, std::string source) {
  t.add({.key = "cells." + type + ".anoxic_death_rate",
         .unit = "1/s",
         .display_unit = "1/day",
         .lo = 0,
         .hi = 100 / kDay,
         .meaning = "extra death rate below oxygen.anoxia",
         .source = std::move(source)},
        ref, per_day / kDay);
}

void add_progenitors(ParamTable& t) {
  t.add(
      {.key = "cells.mpc.doubling_time",
       .unit = "s",
       .display_unit = "h",
       .lo = 0,
       .hi = 100 * kDay,
       .lo_open = true,
       .meaning = "progenitor cycle time when fully stimulated",
       .source = "MODEL.md §3.4: doubling about 14.5 h in vivo in the active phase"},
      [](Params& p) -> double& { return p.cells.mpc.doubling_time_s; }, 14.5 * 3600);
  t.add(
      {.key = "cells.mpc.quiescent_doubling_time",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 1000 * kDay,
       .lo_open = true,
       .meaning = "progenitor cycle time without BMP or inflammatory stimulus (resident "
                  "progenitors of uninjured muscle)",
       .source = "resident FAPs of uninjured muscle are quiescent (est.); the 24–48 h slower "
                 "phases of MODEL.md §3.4 arise at partial stimulation"},
      [](Params& p) -> double& { return p.cells.mpc.quiescent_doubling_time_s; }, 20 * kDay);
  t.add(
      {.key = "cells.mpc.speed",
       .unit = "um/s",
       .display_unit = "um/h",
       .lo = 0,
       .hi = 1000 / kHour,
       .meaning = "progenitor migration speed; speed * run.cell_step / grid.voxel is the hop "
                  "probability and must be <= 1",
       .source = "MODEL.md §3.4: migrate about 30 µm/h"},
      [](Params& p) -> double& { return p.cells.mpc.speed_um_s; }, 30.0 / 3600);
  t.add(
      {.key = "cells.mpc.chemotaxis",
       .lo = 0,
       .hi = 1,
       .meaning = "bias of progenitor moves up BMP and inflammatory gradients (0 = random walk)",
       .source = "MODEL.md §3.4 (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.chemotaxis; }, 0.5);
  t.add(
      {.key = "cells.mpc.death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "progenitor apoptosis rate",
       .source = "MODEL.md §3.4 (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.death_rate_per_s; }, 0.05 / 86400);
  add_anoxic_death(
      t, "mpc", [](Params& p) -> double& { return p.cells.mpc.anoxic_death_rate_per_s; }, 0.5,
      "MODEL.md §3.4: more death under anoxia (est.)");
  t.add(
      {.key = "cells.mpc.min_commit_age",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 1000 * kDay,
       .meaning = "minimum progenitor age before commitment",
       .source = "MODEL.md §3.5"},
      [](Params& p) -> double& { return p.cells.mpc.min_commit_age_s; }, 6 * 86400);
  t.add(
      {.key = "cells.mpc.commit_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "osteochondral commitment at full BMP signal",
       .source = "MODEL.md §3.5"},
      [](Params& p) -> double& { return p.cells.mpc.commit_rate_per_s; }, 0.3 / 86400);
  t.add(
      {.key = "cells.mpc.fibroblast_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "scar commitment without BMP",
       .source = "MODEL.md §3.5 (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.fibroblast_rate_per_s; }, 0.05 / 86400);
  t.add(
      {.key = "cells.mpc.permissive_ph",
       .lo = 0,
       .hi = 14,
       .meaning = "pH needed for osteochondral commitment (alkaline milieu)",
       .source = "MODEL.md §1, §3.5 (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.permissive_ph; }, 7.2);
  t.add(
      {.key = "cells.mpc.alkaline_ph",
       .lo = 0,
       .hi = 14,
       .meaning = "centre of the pH response of the osteoblast route: half of the committing "
                  "progenitors that are not hypoxic may become osteoblasts there (the alkaline "
                  "milieu of the permissive environment); with alkaline_width 0 the sharp "
                  "threshold above which all may",
       .source = "MODEL.md §1, §3.5: alkaline pH (~7.5 during mineralisation, Newman 1985) "
                 "is permissive (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.alkaline_ph; }, 7.45);
  t.add(
      {.key = "cells.mpc.alkaline_width",
       .lo = 0,
       .hi = 1,
       .meaning = "width of the pH response of the osteoblast route: a committing progenitor "
                  "that is not hypoxic becomes an osteoblast with probability "
                  "1/(1 + exp(-(pH - alkaline_ph)/width)); 0 makes it the sharp threshold",
       .source = "osteoblast function rises over pH 7.0-7.6 rather than at one value (Kaysinger "
                 "& Ramp 1998 J Cell Biochem 68:83; Arnett 2008 J Nutr 138:415S); graded with "
                 "hypoxic_priming, so that perfused lesions at neutral pH make no osteoblasts "
                 "(experiments/ODD.md 7.3 and 7.13, eighth round) (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.alkaline_width; }, 0.05);
  t.add(
      {.key = "cells.mpc.osteoblast_vessels",
       .lo = 0,
       .hi = 1,
       .meaning = "coupling c of the osteoblast route to the local vessel density V: a committing "
                  "progenitor that is not hypoxic becomes an osteoblast with its pH share times "
                  "(1 - c + c V); 0 ignores the vessels, 1 makes the route proportional to them",
       .source = "bone forms where vessels are: osteoprogenitors sit beside the type H vessels "
                 "that couple angiogenesis to osteogenesis (Kusumbe 2014 Nature 507:323; "
                 "Ramasamy 2014 Nature 507:376); MODEL.md 3.3: the vessel gradient makes "
                 "maturation centrifugal; the linear form (est.; experiments/ODD.md 7.3 and "
                 "7.13, eighth round)"},
      [](Params& p) -> double& { return p.cells.mpc.osteoblast_vessels; }, 1.0);
  t.add(
      {.key = "cells.mpc.hypoxic_priming",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 100 * kDay,
       .meaning = "hypoxic priming of the osteoblast route: a committing progenitor that is not "
                  "hypoxic may become an osteoblast only once its HIF-1α memory (the time it "
                  "has spent at full HIF activity, fading with priming_memory) reaches this "
                  "much; 0 needs no priming",
       .source = "the trauma-induced HO lineage needs HIF-1α: its loss in Prx-lineage "
                 "mesenchyme, or its inhibition, prevents the condensations and the bone "
                 "(Agarwal 2016 PNAS 113:E338); hypoxia prolongs BMP signalling in "
                 "progenitors by keeping ACVR1 in endosomes (Wang 2016 J Bone Miner Res "
                 "31:1652); MODEL.md 1: hypoxia is part of the permissive environment; the "
                 "amount: above the 0.23 day that normal muscle (40 mmHg) holds with "
                 "priming_memory 7 day, reached within a day in the injured core (14 mmHg) "
                 "(est.; experiments/ODD.md 7.3 and 7.13, eighth round)"},
      [](Params& p) -> double& { return p.cells.mpc.hypoxic_priming_s; }, 0.5 * 86400);
  t.add(
      {.key = "cells.mpc.priming_memory",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 1000 * kDay,
       .lo_open = true,
       .meaning = "time constant over which a progenitor's HIF-1α memory fades: the memory m "
                  "follows dm/dt = HIF(PO2) - m/priming_memory, so a cell held at HIF activity h "
                  "tends to h times this",
       .source = "HIF-driven programmes outlast the hypoxia by days (Sox9 in condensations, "
                 "endosomal ACVR1; Wang 2016 J Bone Miner Res 31:1652); the value (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.priming_memory_s; }, 7 * 86400);
  t.add(
      {.key = "cells.mpc.periosteal_reach",
       .unit = "um",
       .lo = 0,
       .hi = 1000,
       .meaning = "a progenitor within this distance of host cortical bone (the box distance "
                  "between voxel centres, in whole voxels) is a periosteal osteoprogenitor: it "
                  "may take the osteoblast route without hypoxic priming; 0 treats it like any "
                  "other progenitor. Acts only in scenarios with host bone (host_bone:)",
       .source = "the cambium layer of the periosteum holds progenitors that become osteoblasts "
                 "and chondrocytes after injury (Colnot 2009 J Bone Miner Res 24:274), so HO "
                 "beside bone can grow from it as a spur (MODEL.md 5, Brooker grade); the "
                 "reach, one voxel for a layer a few cells thick (est.; experiments/ODD.md "
                 "7.3)"},
      [](Params& p) -> double& { return p.cells.mpc.periosteal_reach_um; }, 20);
}

void add_neutrophils(ParamTable& t) {
  t.add(
      {.key = "cells.neutrophil.death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "neutrophil death rate (1.39 1/day ≈ ln2/12 h)",
       .source = "MODEL.md §3.2: gone by about day 2 (est.)"},
      [](Params& p) -> double& { return p.cells.neutrophil.death_rate_per_s; }, 1.39 / 86400);
  t.add(
      {.key = "cells.neutrophil.speed",
       .unit = "um/s",
       .display_unit = "um/h",
       .lo = 0,
       .hi = 1000 / kHour,
       .meaning = "neutrophil migration speed; speed * run.cell_step / grid.voxel is the hop "
                  "probability and must be <= 1",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.cells.neutrophil.speed_um_s; }, 60.0 / 3600);
  add_anoxic_death(
      t, "neutrophil",
      [](Params& p) -> double& { return p.cells.neutrophil.anoxic_death_rate_per_s; }, 0,
      "hypoxia delays neutrophil apoptosis through HIF-1α (Mecklenburgh 2002, Blood 100:3008)");
}

void add_macrophages(ParamTable& t) {
  t.add(
      {.key = "cells.macrophage.switch_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "M1 → M2",
       .source = "MODEL.md §3.2: M1 days 1–3, M2 days 3–7 (est.)"},
      [](Params& p) -> double& { return p.cells.macrophage.switch_rate_per_s; }, 0.4 / 86400);
  t.add(
      {.key = "cells.macrophage.m1_death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "death rate of M1 macrophages",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.cells.macrophage.m1_death_rate_per_s; }, 0.1 / 86400);
  t.add(
      {.key = "cells.macrophage.m2_death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "death rate of M2 macrophages",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.cells.macrophage.m2_death_rate_per_s; }, 0.25 / 86400);
  t.add(
      {.key = "cells.macrophage.speed",
       .unit = "um/s",
       .display_unit = "um/h",
       .lo = 0,
       .hi = 1000 / kHour,
       .meaning = "macrophage migration speed; speed * run.cell_step / grid.voxel is the hop "
                  "probability and must be <= 1",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.cells.macrophage.speed_um_s; }, 60.0 / 3600);
  t.add(
      {.key = "cells.macrophage.chemotaxis",
       .lo = 0,
       .hi = 1,
       .meaning = "bias of macrophage moves up the inflammatory signal (0 = random walk); "
                  "neutrophils share it (experiments/ODD.md 7.4)",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.cells.macrophage.chemotaxis; }, 0.7);
  add_anoxic_death(
      t, "macrophage",
      [](Params& p) -> double& { return p.cells.macrophage.anoxic_death_rate_per_s; }, 0,
      "myeloid cells keep their ATP by HIF-1α-driven glycolysis in hypoxic inflamed tissue "
      "(Cramer 2003, Cell 112:645)");
}

void add_matrix_cells(ParamTable& t) {
  t.add(
      {.key = "cells.fibroblast.death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "fibroblast apoptosis rate",
       .source = "MODEL.md §3.6"},
      [](Params& p) -> double& { return p.cells.fibroblast.death_rate_per_s; }, 0.05 / 86400);
  t.add(
      {.key = "cells.chondrocyte.death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "chondrocyte apoptosis rate",
       .source = "MODEL.md §3.6"},
      [](Params& p) -> double& { return p.cells.chondrocyte.death_rate_per_s; }, 0.10 / 86400);
  t.add(
      {.key = "cells.chondrocyte.hypertrophy_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "chondrocyte → hypertrophic chondrocyte",
       .source = "MODEL.md §3.5: mouse chondrocytes by day 6 (est.)"},
      [](Params& p) -> double& { return p.cells.chondrocyte.hypertrophy_rate_per_s; },
      0.25 / 86400);
  t.add(
      {.key = "cells.chondrocyte.replacement_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "hypertrophic → osteoblast once vessels invade",
       .source = "MODEL.md §3.5: cartilage replaced by day 14 (est.)"},
      [](Params& p) -> double& { return p.cells.chondrocyte.replacement_rate_per_s; }, 0.5 / 86400);
  t.add(
      {.key = "cells.osteoblast.death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "osteoblast apoptosis rate",
       .source = "MODEL.md §3.6"},
      [](Params& p) -> double& { return p.cells.osteoblast.death_rate_per_s; }, 0.16 / 86400);
  t.add(
      {.key = "cells.osteoblast.embedding_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "→ osteocyte when its voxel is mineralised above tissue.bone_block",
       .source = "MODEL.md §3.6 (est.)"},
      [](Params& p) -> double& { return p.cells.osteoblast.embedding_rate_per_s; }, 0.2 / 86400);
  add_anoxic_death(
      t, "fibroblast",
      [](Params& p) -> double& { return p.cells.fibroblast.anoxic_death_rate_per_s; }, 0.5,
      "as cells.mpc.anoxic_death_rate, for the progenitors fibroblasts come from (est.)");
  add_anoxic_death(
      t, "chondrocyte",
      [](Params& p) -> double& { return p.cells.chondrocyte.anoxic_death_rate_per_s; }, 0,
      "HIF-1α keeps chondrocytes alive in the hypoxic interior of the growth plate (Schipani "
      "2001, Genes Dev 15:2865); applies to hypertrophic chondrocytes too");
  add_anoxic_death(
      t, "osteoblast",
      [](Params& p) -> double& { return p.cells.osteoblast.anoxic_death_rate_per_s; }, 0,
      "at 0.2 % O2 osteoblasts become quiescent, with no rise in apoptosis (Utting 2006, Exp "
      "Cell Res 312:1693)");
  add_anoxic_death(
      t, "osteocyte",
      [](Params& p) -> double& { return p.cells.osteocyte.anoxic_death_rate_per_s; }, 0.5,
      "ischaemia empties osteocyte lacunae within days, as in avascular necrosis (est.)");
}

}  // namespace

void add_cells(ParamTable& t) {
  add_progenitors(t);
  add_neutrophils(t);
  add_macrophages(t);
  add_matrix_cells(t);
}

void add_oxygen(ParamTable& t) {
  t.add(
      {.key = "oxygen.capillary_po2",
       .unit = "mmHg",
       .lo = 0,
       .hi = 200,
       .meaning = "mean capillary PO2 that perfused vessels hold the tissue towards",
       .source = "arterial ~95, venous ~40 mmHg: mean capillary ~60 (est.)"},
      [](Params& p) -> double& { return p.oxygen.capillary_po2_mmHg; }, 60);
  t.add(
      {.key = "oxygen.supply_rate",
       .unit = "1/s",
       .lo = 0,
       .hi = 100,
       .meaning = "exchange rate between vessels and tissue at full vascular density; with muscle "
                  "consumption it sets normal muscle PO2 to ~45 mmHg",
       .source = "calibrated to 38–51 mmHg in normal muscle (MODEL.md §1, Lu 2008) (est.)"},
      [](Params& p) -> double& { return p.oxygen.supply_rate_per_s; }, 0.083);
  t.add(
      {.key = "oxygen.muscle_consumption",
       .unit = "mmHg/s",
       .lo = 0,
       .hi = 100,
       .meaning = "maximal O2 uptake of intact muscle (Michaelis–Menten Vmax per voxel of muscle)",
       .source = "resting muscle VO2 ~0.25 mL O2/100 g/min = 1.9 µM/s, /1.35 µM/mmHg solubility "
                 "(est.)"},
      [](Params& p) -> double& { return p.oxygen.muscle_consumption_mmHg_s; }, 1.4);
  t.add(
      {.key = "oxygen.cell_consumption",
       .unit = "mmHg/s",
       .lo = 0,
       .hi = 100,
       .meaning = "Vmax of one cell in its voxel",
       .source = "1.3e-17 mol/cell/s (MODEL.md §2) in a 20 µm voxel (8e-12 L) = 1.6 µM/s /1.3 "
                 "µM/mmHg"},
      [](Params& p) -> double& { return p.oxygen.cell_consumption_mmHg_s; }, 1.25);
  t.add(
      {.key = "oxygen.haematoma_consumption",
       .unit = "mmHg/s",
       .lo = 0,
       .hi = 100,
       .meaning = "maximal O2 uptake of a fully haemorrhagic voxel (clot leukocytes and "
                  "platelets; Michaelis-Menten with oxygen.km)",
       .source = "MODEL.md §1: haematoma PO2 about 6 mmHg (Lu 2008); calibrated so the lesion "
                 "mean stays near 5-10 mmHg in days 0.5-7 of the 1 mm teaching lesion (est.)"},
      [](Params& p) -> double& { return p.oxygen.haematoma_consumption_mmHg_s; }, 1.0);
  t.add(
      {.key = "oxygen.km",
       .unit = "mmHg",
       .lo = 0,
       .hi = 100,
       .lo_open = true,
       .meaning = "Michaelis constant of O2 uptake",
       .source = "MODEL.md §2"},
      [](Params& p) -> double& { return p.oxygen.km_mmHg; }, 6);
  t.add(
      {.key = "oxygen.anoxia",
       .unit = "mmHg",
       .lo = 0,
       .hi = 50,
       .meaning = "PO2 below which cells die of anoxia",
       .source = "MODEL.md §2"},
      [](Params& p) -> double& { return p.oxygen.anoxia_mmHg; }, 2.5);
  t.add(
      {.key = "oxygen.hif_half",
       .unit = "mmHg",
       .lo = 0,
       .hi = 100,
       .lo_open = true,
       .meaning = "PO2 of half-maximal HIF-1α response (Hill n = 3)",
       .source = "MODEL.md §2: 11–15 mmHg (1.5–2 % O2)"},
      [](Params& p) -> double& { return p.oxygen.hif_half_mmHg; }, 13);
}

void add_acid(ParamTable& t) {
  t.add(
      {.key = "acid.buffer",
       .unit = "mM",
       .lo = 0,
       .hi = 1000,
       .lo_open = true,
       .meaning = "tissue buffer capacity: acid load (mM) per pH unit",
       .source =
           "skeletal muscle non-bicarbonate + bicarbonate buffering 30–60 mmol/(L·pH) (est.)"},
      [](Params& p) -> double& { return p.acid.buffer_mM; }, 40);
  t.add(
      {.key = "acid.reference",
       .unit = "mM",
       .lo = 0,
       .hi = 1000,
       .meaning = "acid load of normal perfused tissue (pH 7.4); loads below it are alkaline",
       .source = "model choice, sets the most alkaline pH 7.4 + reference/buffer (est.)"},
      [](Params& p) -> double& { return p.acid.reference_mM; }, 20);
  t.add(
      {.key = "acid.injury_load",
       .unit = "mM",
       .lo = 0,
       .hi = 1000,
       .meaning = "extra acid in the injury at t = 0 (pH ≈ 6.8)",
       .source = "MODEL.md §1: pH 6.7–6.9 in the first 48 h (Berkmann 2020)"},
      [](Params& p) -> double& { return p.acid.injury_load_mM; }, 24);
  t.add(
      {.key = "acid.necrosis_release",
       .unit = "mM/s",
       .lo = 0,
       .hi = 10,
       .meaning = "acid (lactate, H+) released by fully necrotic tissue",
       .source = "calibrated to pH ≈ 7.2 at day 2 in teaching_2d (MODEL.md §1, 2026-11-21); "
                 "the 6.7–6.9 of the first 48 h comes from the neutrophils' acid "
                 "(acid.neutrophil_glycolysis; experiments/ODD.md 7.7) (est.)"},
      [](Params& p) -> double& { return p.acid.necrosis_release_mM_s; }, 1e-3);
  t.add(
      {.key = "acid.glycolysis",
       .unit = "mM/s",
       .lo = 0,
       .hi = 10,
       .meaning = "acid made by one cell at full HIF (hypoxic glycolysis)",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.acid.glycolysis_mM_s; }, 1e-4);
  t.add(
      {.key = "acid.neutrophil_glycolysis",
       .unit = "mM/s",
       .lo = 0,
       .hi = 10,
       .meaning = "acid (lactate, H+) made by one neutrophil whatever the O2 (aerobic "
                  "glycolysis), on top of acid.glycolysis",
       .source = "neutrophils run on glycolysis and oxidise little glucose (Curi 2020 Cell "
                 "Physiol Biochem 54:629); resting blood leukocytes make 0.79-1.01 umol "
                 "lactate/h per 1e7 cells (scilit.net/publications/"
                 "25388285e468060e28ff5801230b0358), 0.0031 mM/s in one 20-um voxel; the "
                 "value, about 4x that, is calibrated to the first-48-h pH of MODEL.md §1 "
                 "(activated cells; experiments/ODD.md 7.7) (est.)"},
      [](Params& p) -> double& { return p.acid.neutrophil_glycolysis_mM_s; }, 0.012);
  t.add(
      {.key = "acid.clearance",
       .unit = "1/s",
       .lo = 0,
       .hi = 1,
       .meaning = "removal of excess acid by perfusion at full vascular density",
       .source = "calibrated to pH ≈ 7.2 at day 2 (MODEL.md §1) (est.)"},
      [](Params& p) -> double& { return p.acid.clearance_per_s; }, 2e-4);
  t.add(
      {.key = "acid.tissue_clearance",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 1,
       .meaning = "removal of excess acid without perfusion (lactate oxidation by surviving "
                  "cells, interstitial buffering), relative to the acid load above acid.reference",
       .source = "the haematoma pH recovers from 6.7–6.9 to ~7.2 within 2 days, before vessels "
                 "return (MODEL.md §1, Berkmann 2020) (est.)"},
      [](Params& p) -> double& { return p.acid.tissue_clearance_per_s; }, std::log(2.0) / 86400);
  t.add(
      {.key = "acid.alkalinisation",
       .unit = "mM/s",
       .lo = 0,
       .hi = 10,
       .meaning = "base released per unit of local ALP activity (osteoblastic mineralisation "
                  "front)",
       .source = "Newman 1985: alkaline phase during mineralisation, pH ≈ 7.5 by day 20 (MODEL.md "
                 "§1) (est.)"},
      [](Params& p) -> double& { return p.acid.alkalinisation_mM_s; }, 2e-3);
}

void add_bmp(ParamTable& t) {
  t.add(
      {.key = "bmp.injury_burst",
       .unit = "nM",
       .lo = 0,
       .hi = 1e3,
       .meaning = "BMP released into the injury at t = 0",
       .source = "MODEL.md §3.1 (est.)"},
      [](Params& p) -> double& { return p.bmp.injury_burst_nM; }, 2);
  t.add(
      {.key = "bmp.necrosis_release",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1,
       .meaning = "release by necrotic tissue",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.bmp.necrosis_release_nM_s; }, 1e-4);
  t.add(
      {.key = "bmp.macrophage",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1,
       .meaning = "made by one macrophage (M1 or M2)",
       .source = "MODEL.md §2; calibrated so that lesion free BMP stays above bmp.half_max "
                 "through the commitment window (days 6–14) in teaching_2d (est.)"},
      [](Params& p) -> double& { return p.bmp.macrophage_nM_s; }, 5e-5);
  t.add(
      {.key = "bmp.hypertrophic",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1,
       .meaning = "made by one hypertrophic chondrocyte",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.bmp.hypertrophic_nM_s; }, 4e-5);
  t.add(
      {.key = "bmp.osteoblast",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1,
       .meaning = "made by one osteoblast",
       .source = "MODEL.md §3.6 (est.)"},
      [](Params& p) -> double& { return p.bmp.osteoblast_nM_s; }, 2e-6);
  t.add(
      {.key = "bmp.half_max",
       .unit = "nM",
       .lo = 0,
       .hi = 1e3,
       .lo_open = true,
       .meaning = "free BMP giving half-maximal signalling",
       .source = "BMP-2 EC50 1–10 ng/mL ≈ 0.04–0.4 nM (est.)"},
      [](Params& p) -> double& { return p.bmp.half_max_nM; }, 0.3);
  t.add(
      {.key = "bmp.noggin_binding",
       .unit = "1/(nM*s)",
       .lo = 0,
       .hi = 10,
       .meaning = "association rate of BMP with Noggin; with Kd ≈ 20 pM (MODEL.md §2) binding is "
                  "treated as irreversible",
       .source = "kon ~1e6 1/(M·s) (est.)"},
      [](Params& p) -> double& { return p.bmp.noggin_binding_per_nM_s; }, 1e-3);
}

void add_noggin(ParamTable& t) {
  t.add(
      {.key = "noggin.osteoblast",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1,
       .meaning = "made by one osteoblast (negative feedback)",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.noggin.osteoblast_nM_s; }, 1e-5);
  t.add(
      {.key = "noggin.chondrocyte",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1,
       .meaning = "made by one chondrocyte",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.noggin.chondrocyte_nM_s; }, 5e-6);
}

void add_inflammation(ParamTable& t) {
  t.add(
      {.key = "inflammation.neutrophil",
       .unit = "nM/s",
       .lo = 0,
       .hi = 10,
       .meaning = "signal (PGE2/cytokines) made by one neutrophil through COX-2",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.inflammation.neutrophil_nM_s; }, 2e-5);
  t.add(
      {.key = "inflammation.m1",
       .unit = "nM/s",
       .lo = 0,
       .hi = 10,
       .meaning = "made by one M1 macrophage",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.inflammation.m1_nM_s; }, 2e-5);
  t.add(
      {.key = "inflammation.necrosis",
       .unit = "nM/s",
       .lo = 0,
       .hi = 10,
       .meaning = "danger signals from fully necrotic tissue (drive the first recruitment)",
       .source = "MODEL.md §3.1 (est.)"},
      [](Params& p) -> double& { return p.inflammation.necrosis_nM_s; }, 1e-3);
  t.add(
      {.key = "inflammation.cox2_activity",
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of COX-2 production active (NSAIDs lower it)",
       .source = "MODEL.md §4"},
      [](Params& p) -> double& { return p.inflammation.cox2_activity; }, 1);
  t.add(
      {.key = "inflammation.necrosis_cox2_share",
       .lo = 0,
       .hi = 1,
       .meaning = "share of the signal released at necrotic tissue that is prostaglandin made "
                  "through COX-2 (induced within hours in the damaged tissue and its resident "
                  "cells); inflammation.cox2_activity and NSAIDs scale this share, the rest "
                  "(COX-independent danger signals) is untouched",
       .source = "PGE2 is the main mediator of the inflammatory drive to HO and NSAIDs lower "
                 "HO risk by about 57 % (MODEL.md §2, §4; meta-analysis in Acta Orthop Scand) "
                 "(est.)"},
      [](Params& p) -> double& { return p.inflammation.necrosis_cox2_share; }, 0.8);
  t.add(
      {.key = "inflammation.half_max",
       .unit = "nM",
       .lo = 0,
       .hi = 1e3,
       .lo_open = true,
       .meaning = "signal giving half-maximal effect on recruitment, proliferation and commitment",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.inflammation.half_max_nM; }, 0.5);
  t.add(
      {.key = "inflammation.proliferation_gain",
       .lo = 0,
       .hi = 10,
       .meaning = "relative rise of progenitor proliferation at saturating signal",
       .source = "MODEL.md §2: local PGE2 roughly doubles bone formation (est.)"},
      [](Params& p) -> double& { return p.inflammation.proliferation_gain; }, 1);
  t.add(
      {.key = "inflammation.commitment_gain",
       .lo = 0,
       .hi = 10,
       .meaning = "relative rise of osteochondral commitment at saturating signal: the rate is "
                  "multiplied by 1 + gain * s, s = signal/(signal + inflammation.half_max)",
       .source = "MODEL.md §2: PGE2 raises osteogenic commitment; through EP4 it raises ALP and "
                 "osteocalcin of osteoblastic cells (Prostaglandins Other Lipid Mediat "
                 "2006;81:178) (est.)"},
      [](Params& p) -> double& { return p.inflammation.commitment_gain; }, 0.5);
  t.add(
      {.key = "inflammation.progenitor_cox2_share",
       .lo = 0,
       .hi = 1,
       .meaning = "share of the BMP-driven osteochondral commitment that runs through the "
                  "progenitor's own COX-2, which BMP-2 induces in it (cell-autonomous, apart "
                  "from the inflammatory signal field): commitment is multiplied by 1 - share * "
                  "(1 - inflammation.cox2_activity * the NSAID's COX-2 left), so 1 untreated",
       .source = "BMP-2 induces COX-2 in osteoblastic cells, and without COX-2 its stimulation "
                 "of ALP and osteocalcin falls (Chikazu 2002 J Bone Miner Res 17:1430); COX-2 "
                 "is needed for mesenchymal cells to enter the osteoblast lineage in repair "
                 "(Zhang 2002 J Clin Invest 109:1405). The share is an estimate: 0.3 gives "
                 "early indomethacin about half the untreated HO (perioperative NSAIDs lower the "
                 "risk of HO after hip surgery by 57 %, 95 % CI 51-63 %: Neal 2000 Acta Orthop "
                 "Scand 71:122) and lets NSAID cover lower recurrence after excision "
                 "(experiments/ODD.md 7.14) (est.)"},
      [](Params& p) -> double& { return p.inflammation.progenitor_cox2_share; }, 0.3);
  t.add(
      {.key = "inflammation.injury_burst",
       .unit = "nM",
       .lo = 0,
       .hi = 1e3,
       .meaning = "signal released into fully necrotic tissue at the moment of injury (preformed "
                  "mediators of the damaged cells), times risk.inflammation; about the level "
                  "inflammation.necrosis then holds",
       .source = "MODEL.md §3.1: a burst of inflammatory signal at injury (est.)"},
      [](Params& p) -> double& { return p.inflammation.injury_burst_nM; }, 5);
}

void add_ros(ParamTable& t) {
  t.add(
      {.key = "ros.neutrophil",
       .unit = "1/s",
       .lo = 0,
       .hi = 10,
       .meaning = "ROS index made by one neutrophil",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.ros.neutrophil_per_s; }, 2e-3);
  t.add(
      {.key = "ros.m1",
       .unit = "1/s",
       .lo = 0,
       .hi = 10,
       .meaning = "made by one M1 macrophage",
       .source = "MODEL.md §2 (est.)"},
      [](Params& p) -> double& { return p.ros.m1_per_s; }, 5e-4);
  t.add(
      {.key = "ros.reperfusion",
       .unit = "1/s",
       .lo = 0,
       .hi = 10,
       .meaning = "ROS index made where perfusion returns to damaged, still ischaemic tissue, per "
                  "unit of vascular density x necrosis x HIF (xanthine oxidase turning the purines "
                  "of ATP breakdown into superoxide as O2 returns; the source allopurinol blocks)",
       .source = "MODEL.md §2: ROS from neutrophils and reperfusion; set so that the "
                 "revascularising front (vessels ~0.3, necrosis ~0.3, HIF ~0.5) holds about "
                 "ros.half_max against fields.ros.decay (est.)"},
      [](Params& p) -> double& { return p.ros.reperfusion_per_s; }, 5e-3);
  t.add(
      {.key = "ros.commitment_gain",
       .lo = 0,
       .hi = 10,
       .meaning = "relative rise of osteochondral commitment at saturating ROS",
       .source = "MODEL.md §2: pro-osteogenic; scavengers reduce HO (est.)"},
      [](Params& p) -> double& { return p.ros.commitment_gain; }, 0.5);
  t.add(
      {.key = "ros.half_max",
       .lo = 0,
       .hi = 1e3,
       .lo_open = true,
       .meaning = "ROS index of half-maximal effect",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.ros.half_max; }, 0.5);
  t.add(
      {.key = "ros.hif_gain",
       .lo = 0,
       .hi = 1,
       .meaning = "ROS stabilise HIF-1α: the HIF activity a progenitor's memory integrates "
                  "(cells.mpc.hypoxic_priming) is H + (1 - H) g S_R, H = HIF(PO2), S_R the "
                  "saturating ROS (ros.half_max), g this gain; 0 leaves the memory to PO2 alone",
       .source = "ROS from mitochondrial complex III are needed to stabilise HIF-1α in "
                 "hypoxia (Chandel 2000 J Biol Chem 275:25130), and oxidants inhibit the prolyl "
                 "hydroxylases that mark it for breakdown; MODEL.md 4: scavengers reduce HO; "
                 "the gain is an estimate, set to 0.3 where the intervention study's PEMF, "
                 "scavenger and radiation day-1-against-day-7 checks hold (0.5 loses PEMF; "
                 "at 0.3 all 20 checks hold since radiation's repopulation delay; "
                 "experiments/ODD.md 7.3 and 7.14)"},
      [](Params& p) -> double& { return p.ros.hif_gain; }, 0.3);
}

void add_phosphate(ParamTable& t) {
  t.add(
      {.key = "phosphate.serum",
       .unit = "mM",
       .lo = 0,
       .hi = 20,
       .meaning = "systemic phosphate that perfusion holds tissue towards",
       .source = "normal serum 0.8–1.45 mM"},
      [](Params& p) -> double& { return p.phosphate.serum_mM; }, 1.2);
  t.add(
      {.key = "phosphate.exchange",
       .unit = "1/s",
       .lo = 0,
       .hi = 1,
       .meaning = "exchange rate with blood at full vascular density",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.phosphate.exchange_per_s; }, 1e-3);
  t.add(
      {.key = "phosphate.half_max",
       .unit = "mM",
       .lo = 0,
       .hi = 100,
       .lo_open = true,
       .meaning = "phosphate of half-maximal mineral growth",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.phosphate.half_max_mM; }, 0.3);
}

void add_precipitation(ParamTable& t) {
  t.add(
      {.key = "precipitation.calcium",
       .unit = "mM",
       .lo = 0,
       .hi = 10,
       .meaning = "total calcium of the tissue fluid, held at the serum level",
       .source = "KDOQI 2003 guideline 6: normal corrected serum calcium 2.10–2.54 mM"},
      [](Params& p) -> double& { return p.precipitation.calcium_mM; }, 2.4);
  t.add(
      {.key = "precipitation.product_threshold",
       .unit = "mM^2",
       .lo = 0,
       .hi = 100,
       .lo_open = true,
       .meaning = "calcium × phosphate product above which calcium phosphate precipitates in "
                  "soft tissue",
       .source = "CARI guidelines 2005 (Hawley), calcium × phosphate product: 70 mg²/dL² "
                 "(5.6 mmol²/L²), the classical threshold for extraskeletal calcification and "
                 "tumoral calcinosis"},
      [](Params& p) -> double& { return p.precipitation.product_threshold_mM2; }, 5.6);
  t.add(
      {.key = "precipitation.nucleation",
       .unit = "1/(um^3*s)",
       .display_unit = "1/(mm^3*day)",
       .lo = 0,
       .hi = 1,
       .meaning = "crystal nucleation rate per volume of fully damaged matrix (necrotic or "
                  "fibrous) at relative supersaturation 1; it scales with the square of the "
                  "supersaturation",
       .source = "MODEL.md §3.8: mineral precipitates on necrotic and fibrous matrix; seed 001: "
                 "several nodules per lesion (est.)"},
      [](Params& p) -> double& { return p.precipitation.nucleation_per_um3_s; },
      1.2e4 / 1e9 / 86400);
  t.add(
      {.key = "precipitation.growth",
       .unit = "1/s",
       .lo = 0,
       .hi = 100,
       .meaning = "rate constant of phosphate deposition on a fully developed crystal surface, "
                  "acting on the phosphate in excess of the threshold",
       .source = "(est.): fast against phosphate.exchange, so deposits grow as fast as diffusion "
                 "and perfusion supply phosphate"},
      [](Params& p) -> double& { return p.precipitation.growth_per_s; }, 0.1);
  t.add(
      {.key = "precipitation.surface",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "mineral fraction at which a voxel's crystal surface is fully developed",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.precipitation.surface_mineral; }, 0.05);
  t.add(
      {.key = "precipitation.face_contact",
       .lo = 0,
       .hi = 1,
       .meaning = "reactive surface that a developed deposit's face offers a damaged voxel it "
                  "touches (flat-face contact; edges and corners count 1/√2 and 1/√3), relative "
                  "to a fully developed surface: deposits grow on into the tissue around them",
       .source = "(est.): rounded, partly confluent nodules (seed 001: multiple lobulated, "
                 "pebble-like nodules); 0 leaves every voxel to its own nucleation"},
      [](Params& p) -> double& { return p.precipitation.face_contact; }, 0.3);
  t.add(
      {.key = "precipitation.max_mineral",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "mineral fraction of a voxel full of precipitate (compact calcified material)",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.precipitation.max_mineral; }, 0.5);
  t.add(
      {.key = "precipitation.foreign_body",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1,
       .meaning = "inflammatory signal released by a voxel full of precipitate (mineral outside "
                  "osteoid): the foreign-body reaction of macrophages around the deposits",
       .source = "MODEL.md §3.8; seed 001: histiocytes, foreign-body giant cells and chronic "
                 "inflammation around the nodules (est.)"},
      [](Params& p) -> double& { return p.precipitation.foreign_body_nM_s; }, 2e-4);
}

void add_vessels(ParamTable& t) {
  t.add(
      {.key = "vessels.growth_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "logistic growth rate of vascular density where driven by hypoxia (VEGF)",
       .source = "MODEL.md §3.3 (est.)"},
      [](Params& p) -> double& { return p.vessels.growth_rate_per_s; }, 2.0 / 86400);
  t.add(
      {.key = "vessels.spread",
       .unit = "um^2/s",
       .display_unit = "um^2/day",
       .lo = 0,
       .hi = 1,
       .meaning = "spread of the vascular front (Fisher–KPP coefficient); front speed "
                  "2·√(spread·growth) ≈ 50 µm/day",
       .source = "MODEL.md §3.3: tens to a hundred µm/day (est.)"},
      [](Params& p) -> double& { return p.vessels.spread_um2_s; }, 3.6e-3);
  t.add(
      {.key = "vessels.basal_drive",
       .lo = 0,
       .hi = 1,
       .meaning = "growth drive without hypoxia, relative to full HIF",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.vessels.basal_drive; }, 0.2);
  t.add(
      {.key = "vessels.necrosis_block",
       .lo = 0,
       .hi = 1,
       .meaning = "necrosis above which vessels cannot enter a voxel (dead tissue must be cleared "
                  "first)",
       .source = "MODEL.md §1: avascular necrotic core (est.)"},
      [](Params& p) -> double& { return p.vessels.necrosis_block; }, 0.5);
  t.add(
      {.key = "vessels.invasion",
       .lo = 0,
       .hi = 1,
       .meaning =
           "vascular density at which hypertrophic cartilage is invaded and replaced by bone",
       .source = "MODEL.md §3.5 (est.)"},
      [](Params& p) -> double& { return p.vessels.invasion; }, 0.3);
}

void add_tissue(ParamTable& t) {
  t.add(
      {.key = "tissue.clearance",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "necrosis cleared per day by one macrophage in its voxel and each face neighbour",
       .source = "MODEL.md §3.2 (est.)"},
      [](Params& p) -> double& { return p.tissue.clearance_per_s; }, 0.5 / 86400);
  t.add(
      {.key = "tissue.autolysis",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "slow resolution of necrosis without macrophages",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.autolysis_per_s; }, 0.01 / 86400);
  t.add(
      {.key = "tissue.haemorrhage_resorption",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "resorption rate of the haematoma",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.haemorrhage_resorption_per_s; }, 0.1 / 86400);
  t.add(
      {.key = "tissue.fibrous_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "fibrous matrix laid per day by one fibroblast",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.fibrous_rate_per_s; }, 0.1 / 86400);
  t.add(
      {.key = "tissue.cartilage_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "cartilage matrix laid per day by one chondrocyte",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.cartilage_rate_per_s; }, 0.15 / 86400);
  t.add(
      {.key = "tissue.cartilage_resorption",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "resorption of vascularised cartilage",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.cartilage_resorption_per_s; }, 0.3 / 86400);
  t.add(
      {.key = "tissue.osteoid_apposition",
       .unit = "um/s",
       .display_unit = "um/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "osteoid laid by one osteoblast (volume fraction per day = apposition / voxel "
                  "edge)",
       .source = "MODEL.md §3.6: about 1 µm/day"},
      [](Params& p) -> double& { return p.tissue.osteoid_apposition_um_s; }, 1.0 / 86400);
  t.add(
      {.key = "tissue.mineral_lag",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 100 * kDay,
       .meaning = "age osteoid must reach before it mineralises",
       .source = "MODEL.md §3.7: 8–21 days (range to 52)"},
      [](Params& p) -> double& { return p.tissue.mineral_lag_s; }, 14 * 86400.0);
  t.add(
      {.key = "tissue.mineral_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "primary mineralisation rate of mature osteoid at full ALP, pH and phosphate",
       .source = "MODEL.md §3.7 (est.)"},
      [](Params& p) -> double& { return p.tissue.mineral_rate_per_s; }, 0.15 / 86400);
  t.add(
      {.key = "tissue.secondary_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "slow ALP-independent secondary mineralisation",
       .source = "MODEL.md §3.7 (est.)"},
      [](Params& p) -> double& { return p.tissue.secondary_rate_per_s; }, 0.01 / 86400);
  t.add(
      {.key = "tissue.alp_half",
       .lo = 0,
       .hi = 100,
       .lo_open = true,
       .meaning = "local ALP activity (osteoblasts and hypertrophic chondrocytes in the voxel "
                  "and its neighbours, pH-weighted) giving half-maximal mineralisation",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.alp_half; }, 0.5);
  t.add(
      {.key = "tissue.hypertrophic_alp",
       .lo = 0,
       .hi = 10,
       .meaning = "ALP activity of a hypertrophic chondrocyte relative to an osteoblast (it "
                  "counts towards local ALP, mineralisation and alkalinisation)",
       .source = "hypertrophic chondrocytes are ALP-rich and calcify their matrix (est.)"},
      [](Params& p) -> double& { return p.tissue.hypertrophic_alp; }, 1.0);
  t.add(
      {.key = "tissue.alp_ph_width",
       .lo = 0,
       .hi = 10,
       .lo_open = true,
       .meaning = "width σ of ALP activity exp(−((pH−7.4)/σ)²)",
       .source = "MODEL.md §3.6: highest near 7.4, about 8× lower at 6.9 → σ = 0.5/√ln 8 ≈ 0.35"},
      [](Params& p) -> double& { return p.tissue.alp_ph_width; }, 0.35);
  t.add(
      {.key = "tissue.mineral_ph_zero",
       .lo = 0,
       .hi = 14,
       .meaning = "pH at which mineralisation stops",
       .source = "MODEL.md §3.7"},
      [](Params& p) -> double& { return p.tissue.mineral_ph_zero; }, 6.9);
  t.add(
      {.key = "tissue.maturation_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 10 / kDay,
       .meaning = "maturation of mineralised tissue towards lamellar bone",
       .source = "MODEL.md §1: osteoid to mature bone in about 2 months (est.)"},
      [](Params& p) -> double& { return p.tissue.maturation_rate_per_s; }, 0.02 / 86400);
  t.add(
      {.key = "tissue.ho_threshold",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "mineral fraction above which a voxel counts as HO (radiographically dense)",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.ho_threshold; }, 0.2);
  t.add(
      {.key = "tissue.bone_block",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "mineral fraction above which cells cannot move or divide into a voxel",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.tissue.bone_block; }, 0.5);
}

void add_recruitment(ParamTable& t) {
  t.add(
      {.key = "recruitment.neutrophil_rate",
       .unit = "1/s",
       .display_unit = "1/h",
       .lo = 0,
       .hi = 1000 / kHour,
       .meaning = "recruitment rate into an empty perfused voxel at saturating inflammatory signal",
       .source = "MODEL.md §3.2 (est.)"},
      [](Params& p) -> double& { return p.recruitment.neutrophil_rate_per_s; }, 0.2 / kHour);
  t.add(
      {.key = "recruitment.neutrophil_window",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 100 * kDay,
       .lo_open = true,
       .meaning = "e-folding time of the early chemokine burst that calls neutrophils",
       .source = "MODEL.md §3.2: gone by about day 2 (est.)"},
      [](Params& p) -> double& { return p.recruitment.neutrophil_window_s; }, 0.5 * 86400);
  t.add(
      {.key = "recruitment.macrophage_rate",
       .unit = "1/s",
       .display_unit = "1/h",
       .lo = 0,
       .hi = 1000 / kHour,
       .meaning = "monocyte/macrophage recruitment rate at saturating signal",
       .source = "MODEL.md §3.2 (est.)"},
      [](Params& p) -> double& { return p.recruitment.macrophage_rate_per_s; }, 0.05 / kHour);
  t.add(
      {.key = "recruitment.macrophage_window",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 100 * kDay,
       .lo_open = true,
       .meaning = "e-folding time of monocyte recruitment",
       .source = "MODEL.md §3.2: M1 days 1–3, M2 days 3–7 (est.)"},
      [](Params& p) -> double& { return p.recruitment.macrophage_window_s; }, 4 * 86400.0);
  t.add(
      {.key = "recruitment.hill",
       .lo = 1,
       .hi = 10,
       .meaning = "Hill coefficient of recruitment in the inflammatory signal (half-maximal at "
                  "inflammation.half_max); a steep response keeps recruitment at the injury",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.recruitment.hill; }, 3);
  t.add(
      {.key = "recruitment.min_vessels",
       .lo = 0,
       .hi = 1,
       .meaning = "vascular density needed for cells to enter",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.recruitment.min_vessels; }, 0.3);
  t.add(
      {.key = "recruitment.mpc_haemorrhage",
       .lo = 0,
       .hi = 1,
       .meaning = "probability that a fully haemorrhagic voxel holds a progenitor at t = 0",
       .source = "MODEL.md §3.1: haemorrhage delivers MPCs (est.)"},
      [](Params& p) -> double& { return p.recruitment.mpc_haemorrhage; }, 0.08);
  t.add(
      {.key = "recruitment.mpc_resident",
       .lo = 0,
       .hi = 1,
       .meaning = "probability that a muscle voxel holds a resident progenitor",
       .source = "MODEL.md §3.1: low density in muscle (est.)"},
      [](Params& p) -> double& { return p.recruitment.mpc_resident; }, 0.01);
  t.add(
      {.key = "recruitment.foreign_body",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 100 / kDay,
       .meaning = "monocyte/macrophage recruitment rate into an empty perfused voxel in or beside "
                  "a developed precipitate (mineral outside osteoid, at least "
                  "precipitation.surface); it does not fade with time after the injury",
       .source = "MODEL.md §3.8: macrophages form a foreign-body reaction around the deposits; "
                 "seed 001: histiocytes and foreign-body giant cells around the nodules (est.)"},
      [](Params& p) -> double& { return p.recruitment.foreign_body_per_s; }, 0.1 / kDay);
}

void add_risk(ParamTable& t) {
  t.add(
      {.key = "risk.inflammation",
       .lo = 0,
       .hi = 100,
       .meaning = "multiplier on inflammatory signal production",
       .source = "MODEL.md §3.1"},
      [](Params& p) -> double& { return p.risk.inflammation; }, 1);
  t.add(
      {.key = "risk.mobilisation",
       .lo = 0,
       .hi = 100,
       .meaning = "multiplier on progenitor delivery (haemorrhage and resident)",
       .source = "MODEL.md §3.1"},
      [](Params& p) -> double& { return p.risk.mobilisation; }, 1);
  t.add(
      {.key = "risk.bmp_expression",
       .lo = 0,
       .hi = 100,
       .meaning = "multiplier on every BMP source",
       .source = "MODEL.md §3.1"},
      [](Params& p) -> double& { return p.risk.bmp_expression; }, 1);
}

void add_readouts(ParamTable& t) {
  t.add(
      {.key = "readouts.alp_baseline",
       .unit = "U/L",
       .lo = 0,
       .hi = 1000,
       .meaning = "serum ALP without HO (the serum compartment starts and relaxes here)",
       .source = "normal adult range 39-117 U/L (MODEL.md §5)"},
      [](Params& p) -> double& { return p.readouts.alp_baseline_U_L; }, 70);
  t.add(
      {.key = "readouts.alp_uln",
       .unit = "U/L",
       .lo = 0,
       .hi = 1000,
       .lo_open = true,
       .meaning = "upper normal limit of serum ALP",
       .source = "MODEL.md §1: ULN 117 U/L"},
      [](Params& p) -> double& { return p.readouts.alp_uln_U_L; }, 117);
  t.add(
      {.key = "readouts.alp_per_activity",
       .unit = "U/L/s",
       .lo = 0,
       .hi = 1e6,
       .meaning = "serum ALP entering per second per unit of mean local ALP activity over the "
                  "lesion (the simulated lesion stands for a clinical one)",
       .source = "MODEL.md §5; calibrated to a peak of 3.5 × ULN in teaching_2d (est.)"},
      [](Params& p) -> double& { return p.readouts.alp_per_activity_U_L_s; }, 2.5e-3);
  t.add(
      {.key = "readouts.alp_half_life",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = 100 * 86400.0,
       .lo_open = true,
       .meaning = "serum half-life of bone ALP",
       .source = "MODEL.md §5: 1-2 days"},
      [](Params& p) -> double& { return p.readouts.alp_half_life_s; }, 1.5 * 86400);
  t.add(
      {.key = "readouts.lesion_scale",
       .lo = 0,
       .hi = 1e3,
       .lo_open = true,
       .meaning = "linear factor from the simulated lesion to the clinical lesion the imaging "
                  "readouts describe: a path through the simulated lesion stands for scale times "
                  "that path, and a clinical patch size for patch/scale on the grid",
       .source = "simulated lesions are 1-3 mm across; clinical HO lesions are centimetres "
                 "(MODEL.md §1, seed 000) (est.)"},
      [](Params& p) -> double& { return p.readouts.lesion_scale; }, 10);
  t.add(
      {.key = "readouts.radiograph_mu_mineral",
       .unit = "1/um",
       .display_unit = "1/cm",
       .lo = 0,
       .hi = 1e-2,
       .lo_open = true,
       .meaning = "extra linear X-ray attenuation of a fully mineralised voxel (hydroxyapatite at "
                  "3.16 g/cm³) over soft tissue, at the beam's effective energy",
       .source = "at 50 keV hydroxyapatite at 1.8 g/cm³ attenuates 0.96/cm and water 0.21/cm "
                 "(J Nucl Med table of linear attenuation coefficients); 0.96 x 3.16/1.8 - 0.21 "
                 "= 1.5/cm"},
      [](Params& p) -> double& { return p.readouts.radiograph_mu_per_um; }, 1.5e-4);
  t.add(
      {.key = "readouts.radiograph_contrast",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .hi_open = true,
       .meaning = "least mean contrast (1 - transmitted fraction) over a patch of "
                  "readouts.radiograph_patch at which a reader sees the mineral",
       .source = "low-contrast detectability of projection radiography: threshold contrasts of "
                 "a few per cent for details of a few mm (contrast-detail phantoms) (est.)"},
      [](Params& p) -> double& { return p.readouts.radiograph_contrast; }, 0.02);
  t.add(
      {.key = "readouts.radiograph_patch",
       .unit = "um",
       .display_unit = "mm",
       .lo = 0,
       .hi = 1e5,
       .lo_open = true,
       .meaning = "side of the least visible patch in the clinical image (patch / "
                  "readouts.lesion_scale on the grid, at least one voxel)",
       .source = "details of a few mm in contrast-detail phantoms (est.)"},
      [](Params& p) -> double& { return p.readouts.radiograph_patch_um; }, 2000);
  t.add(
      {.key = "readouts.zone_mineral",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "mean mineral fraction of a shell around the lesion centre at which it reads as "
                  "the mineralised (echogenic) ring of the ultrasound zones",
       .source = "ultrasound shows the peripheral calcification before the radiograph does "
                 "(MODEL.md §1, seed 000), so the threshold is below the radiograph's (est.)"},
      [](Params& p) -> double& { return p.readouts.zone_mineral; }, 0.005);
  t.add(
      {.key = "readouts.zone_ring_fraction",
       .lo = 0,
       .hi = 1,
       .meaning = "least mean mineral of a shell, as a fraction of the profile's peak shell, for "
                  "it to belong to the ring (echogenicity is read against the brightest shell); "
                  "a shell needs both this and readouts.zone_mineral",
       .source = "the zone target of MODEL.md §1 as analysis/ho_course.py checks it: a core "
                 "below 30 % of the peak is unmineralised (est.)"},
      [](Params& p) -> double& { return p.readouts.zone_ring_fraction; }, 0.3);
  t.add(
      {.key = "readouts.zone_cellular",
       .lo = 0,
       .hi = 1,
       .meaning = "cell occupancy (fraction of voxels with a cell) of the region inside the ring "
                  "at which it counts as the cellular core",
       .source = "MODEL.md §1: a cellular, unmineralised (fibroblast-rich) core (est.)"},
      [](Params& p) -> double& { return p.readouts.zone_cellular; }, 0.3);
  t.add(
      {.key = "readouts.zone_muscle",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "mean muscle integrity of a shell at which it counts as normal muscle (the "
                  "outermost zone)",
       .source = "(est.)"},
      [](Params& p) -> double& { return p.readouts.zone_muscle; }, 0.9);
  t.add(
      {.key = "readouts.mri_vessels",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "vascular density (fraction of normal) above which abnormal tissue (muscle "
                  "integrity below readouts.zone_muscle) takes up gadolinium and enhances on MRI; "
                  "below it, abnormal tissue is the non-enhancing (avascular) core",
       .source = "MODEL.md §1: a sharply bounded non-enhancing (necrotic, avascular) core "
                 "(seed 000) (est.)"},
      [](Params& p) -> double& { return p.readouts.mri_vessels; }, 0.25);
  t.add(
      {.key = "readouts.scan_hyperaemia",
       .lo = 0,
       .hi = 100,
       .meaning = "bone scan: extra blood flow of tissue at saturating inflammatory signal, in "
                  "multiples of its vascular density (vasodilation by PGE2 and other mediators); "
                  "a readout model, the oxygen supply does not include it",
       .source = "MODEL.md §5: the flow phase shows perfusion and hyperaemia (est.)"},
      [](Params& p) -> double& { return p.readouts.scan_hyperaemia; }, 2.0);
  t.add(
      {.key = "readouts.scan_leak",
       .lo = 0,
       .hi = 100,
       .meaning = "bone scan: extra blood-pool activity of fully damaged, perfused tissue "
                  "(capillary leak, oedema), per unit of vascular density",
       .source = "MODEL.md §5: the blood pool shows perfusion and oedema (est.)"},
      [](Params& p) -> double& { return p.readouts.scan_leak; }, 1.0);
  t.add(
      {.key = "readouts.scan_background",
       .lo = 0,
       .hi = 10,
       .lo_open = true,
       .meaning = "bone scan: delayed-phase tracer retained by perfused soft tissue, relative to "
                  "a fully active mineralising front (the background the lesion is compared with)",
       .source =
           "MODEL.md §5: the delayed phase shows osteoblastic mineralisation activity (est.)"},
      [](Params& p) -> double& { return p.readouts.scan_background; }, 0.1);
  t.add(
      {.key = "readouts.mature_maturity",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "maturity above which heterotopic bone counts as mature (lamellar) bone",
       .source = "seed 000: from the first osteoid to mature bone takes about two months (est.)"},
      [](Params& p) -> double& { return p.readouts.mature_maturity; }, 0.5);
  t.add(
      {.key = "readouts.calcinosis_osteoid",
       .lo = 0,
       .hi = 1,
       .lo_open = true,
       .meaning = "share of the lesion's mineral lying in osteoid below which the lesion is "
                  "classed as calcinosis rather than ossification",
       .source = "MODEL.md §5; seed 001: calcinosis nodules hold structureless calcified "
                 "material, not bone matrix (est.)"},
      [](Params& p) -> double& { return p.readouts.calcinosis_osteoid; }, 0.5);
  t.add(
      {.key = "readouts.brooker_gap",
       .unit = "um",
       .display_unit = "mm",
       .lo = 0,
       .hi = 1e6,
       .lo_open = true,
       .meaning = "least gap between opposing bone surfaces (pelvis and femur with their spurs) "
                  "of Brooker grade II; spurs leaving less are grade III (brooker_grade)",
       .source = "Brooker, Bowerman, Robinson & Riley, J Bone Joint Surg Am 1973;55:1629: 1 cm; "
                 "MODEL.md §5"},
      [](Params& p) -> double& { return p.readouts.brooker_gap_um; }, 1e4);
  t.add(
      {.key = "readouts.nodule_resolution",
       .unit = "um",
       .lo = 1,
       .hi = 1e4,
       .meaning = "resolution of the image on which separate dense nodules (mineral_nodules) are "
                  "counted and the Brooker grade is read: mineral is averaged over blocks of "
                  "this edge",
       .source = "thin-section CT resolves about 0.1–0.5 mm (est.)"},
      [](Params& p) -> double& { return p.readouts.nodule_resolution_um; }, 100.0);
}

}  // namespace hosim::table_detail
