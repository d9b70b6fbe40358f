"""Training the judge: public claim–evidence pairs, synthetic advice pairs, the seeded training run."""
