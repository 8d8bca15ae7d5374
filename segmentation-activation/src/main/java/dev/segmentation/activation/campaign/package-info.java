/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Campaign audiences: {@link dev.segmentation.activation.campaign.Campaign} (inclusion, exclusion, suppression
 * lists, contact frequency), {@link dev.segmentation.activation.campaign.Audience} (the selection and its
 * waterfall) and {@link dev.segmentation.activation.campaign.ContactHistory}.
 *
 * @since 0.1
 */
package dev.segmentation.activation.campaign;
