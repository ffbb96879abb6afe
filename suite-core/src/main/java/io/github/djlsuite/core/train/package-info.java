/** The training harness: DJL Trainer and EasyTrain with seeds, schedules, clipping, checkpoints and a NaN guard. */
package io.github.djlsuite.core.train;
