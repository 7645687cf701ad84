module.exports = function (eleventyConfig) {
	eleventyConfig.addPassthroughCopy("src/img");
	return {
		templateFormats: ["md", "njk", "html"],
		markdownTemplateEngine: "njk",
		dir: {
			input: "src",          // the site's sources
			includes: "_includes",
			data: "_data",
			output: "dist"
		},
		pathPrefix: "/",
	};
};
