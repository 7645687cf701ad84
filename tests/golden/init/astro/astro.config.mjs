// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

// https://astro.build/config
export default defineConfig({
	// site: 'https://old.feedcard.test',
	site: 'https://astro.feedcard.test',
	integrations: [mdx(), sitemap()],
});
