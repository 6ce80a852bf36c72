import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import RunExample from './components/RunExample.vue';
import MakemoreApp from './components/MakemoreApp.vue';
import RecommenderApp from './components/RecommenderApp.vue';
import SentimentApp from './components/SentimentApp.vue';
import './style.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('RunExample', RunExample);
    app.component('MakemoreApp', MakemoreApp);
    app.component('RecommenderApp', RecommenderApp);
    app.component('SentimentApp', SentimentApp);
  },
} satisfies Theme;
