// The CalWORKs data-access lib (issue 12): exports are added as each slice lands.
export {};
