// The Linkages coordination activities (issue 13): exports are added as each slice lands.
export {};
