/**
 * The data behind a report's charts, part of the result model like the findings: commands fill
 * it (the main job's training curves, the gradient checker's per-tensor errors), reporters draw
 * it, and the JSON schema describes it. Numbers that are NaN or infinite are written as null.
 */

/** One training run's curve: loss, accuracy and (for ReLU-type networks) dead units per epoch. */
export interface TrainingSeries {
  label: string;
  history: { epoch: number; loss: number; accuracy: number; deadFraction?: number }[];
}

/** Worst per-entry error of a tensor, and whether the checker's error model failed it. */
export interface GradientErrorBar {
  subject: string;
  tensor: string;
  relError: number;
  failed: boolean;
  tolerance?: number;
}

export interface Charts {
  training?: TrainingSeries[];
  gradientErrors?: GradientErrorBar[];
}
