/**
 * Fills at the photo's own resolution: coarse-to-fine refinement after the crop pass.
 *
 * <p>The coarse pass ({@code core.inpaint.Inpainter}) fixes the layout of the fill on a square crop
 * shrunk to the model's resolution. {@link org.repaintstudio.core.refine.Refiner} then climbs back
 * to the photo's resolution in levels that halve the scale (image pixels per level pixel) down to 1.
 * Each level:
 * <ol>
 *   <li>enlarges the previous level's picture (for the first level, box-filters the coarse result);</li>
 *   <li>marks the level pixels under the mask, dilated, as redrawn; everything else is the photo
 *       box-filtered to the level's scale, RePaint's known region;</li>
 *   <li>re-noises its start image to a partial timestep ({@code strength}, as diffusers' inpainting
 *       pipelines do) and walks the rest of the schedule, optionally with RePaint's resampling;</li>
 *   <li>at every step, cuts the canvas into overlapping model-size tiles (only those touching the
 *       redrawn pixels), sends them to the UNet in batches and fuses their noise predictions with
 *       raised-cosine weights before one scheduler step over the canvas, so tiles never show
 *       ({@link org.repaintstudio.core.refine.TileBlend});</li>
 *   <li>keeps the start image's low frequencies, so the level adds detail but no colour drift
 *       ({@link org.repaintstudio.core.refine.LowFrequencyAnchor}).</li>
 * </ol>
 * The last level is blended into the photo over {@code blendWidth} pixels outside the mask; every
 * pixel beyond keeps its input value exactly. Buffers are the size of the levels' canvases, which
 * cover the mask's neighbourhood only; the one full-size image is the returned result.
 *
 * <p>Wired into the engine: {@code core.inpaint.InpaintEngine.plan} plans the levels with
 * {@link org.repaintstudio.core.refine.RefinePlan#plan} from the same mask and crop scale as the
 * coarse pass (the job's {@link org.repaintstudio.core.refine.RefineOptions}; empty when off or when
 * the crop was not shrunk) and makes each level a stage of the job, whose UNet calls count in the
 * job's progress and ETA. {@code InpaintEngine.run} runs the coarse pass, then
 * {@link org.repaintstudio.core.refine.Refiner#refine} once per sample with that sample's coarse
 * result and the rest of that sample's seeded noise stream, turning its events into engine events.
 * This package does not depend on {@code core.inpaint}.
 */
package org.repaintstudio.core.refine;
