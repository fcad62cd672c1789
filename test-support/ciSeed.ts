/** The fast-check seed CI runs with (any fixed value; changing it is a deliberate act). */
export const CI_SEED = 20251129;
