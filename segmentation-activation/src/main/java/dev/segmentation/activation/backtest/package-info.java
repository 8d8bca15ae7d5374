/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Backtests: {@link dev.segmentation.activation.backtest.OutcomeWindow} and
 * {@link dev.segmentation.activation.backtest.Outcomes} (what customers did after a cutoff),
 * {@link dev.segmentation.activation.backtest.Backtest} and its
 * {@link dev.segmentation.activation.backtest.BacktestReport}.
 *
 * @since 0.1
 */
package dev.segmentation.activation.backtest;
