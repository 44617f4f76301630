"""Gatefill training pipeline: DeepFill v2 (gated convolution) generator, SN-PatchGAN, data and export."""

CONTRACT_VERSION = 1
