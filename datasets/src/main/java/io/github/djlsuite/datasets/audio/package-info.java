/**
 * Audio data: a validating RIFF/WAVE reader for 16-bit PCM ({@link io.github.djlsuite.datasets.audio.Wav}),
 * a pure-Java spectral front end — radix-2 FFT, power spectrogram, HTK mel filterbank, log-mel and MFCC
 * ({@link io.github.djlsuite.datasets.audio.Fft}, {@link io.github.djlsuite.datasets.audio.AudioFeatures}) — and the
 * Free Spoken Digit Dataset read straight out of its {@code recordings.tar.gz}
 * ({@link io.github.djlsuite.datasets.audio.FsddArchive}) as DJL datasets with the official split
 * ({@link io.github.djlsuite.datasets.audio.Fsdd}).
 */
package io.github.djlsuite.datasets.audio;
