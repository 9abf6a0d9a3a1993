// The Linkages coordination workflows (issue 13): exports are added as each slice lands.
export {};
